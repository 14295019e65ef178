/* Directory streams through the shim: opendir/readdir (names sorted, "."
 * and ".." left out since hosts may or may not list them), d_type,
 * rewinddir, telldir/seekdir, fdopendir/dirfd, scandir with a filter and
 * alphasort, many entries (several fd_readdir buffers), and errors.
 * Linux is the oracle.
 * wasishim-test: native */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest_test.h"

static int by_name(const void* a, const void* b) {
  return strcmp(*(char* const*)a, *(char* const*)b);
}

static const char* type_name(unsigned char t) {
  switch (t) {
    case DT_REG: return "file";
    case DT_DIR: return "dir";
    case DT_LNK: return "link";
    default: return "other";
  }
}

/* Reads the rest of d; prints the sorted names with types. Returns the count. */
static int list(const char* label, DIR* d, int with_types) {
  char* names[400];
  int n = 0;
  struct dirent* e;
  errno = 0;
  while ((e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    char line[300];
    snprintf(line, sizeof line, "%s%s%s", e->d_name, with_types ? ":" : "",
             with_types ? type_name(e->d_type) : "");
    REQUIRE(n < 400);
    names[n++] = strdup(line);
  }
  printf("%s: %d entries, end errno %s\n", label, n, errname(errno));
  qsort(names, n, sizeof names[0], by_name);
  if (n <= 12)
    for (int i = 0; i < n; ++i) printf("  %s\n", names[i]);
  for (int i = 0; i < n; ++i) free(names[i]);
  return n;
}

static int no_dots_and_not_z(const struct dirent* e) {
  return e->d_name[0] != '.' && e->d_name[0] != 'z';
}

int main(int argc, char** argv) {
  REQUIRE(argc >= 2);
  REQUIRE(chdir(argv[1]) == 0);
  REQUIRE(mkdir("d", 0755) == 0);
  REQUIRE(mkdir("d/sub", 0755) == 0);
  int fd = open("d/file", O_CREAT | O_WRONLY, 0644);
  REQUIRE(fd >= 0);
  close(fd);
  REQUIRE(symlink("file", "d/link") == 0);
  fd = open("d/zeta", O_CREAT | O_WRONLY, 0644);
  close(fd);

  DIR* d = opendir("d");
  REQUIRE(d != NULL);
  list("d", d, 1);
  rewinddir(d);
  list("d after rewind", d, 0);
  SHOW("closedir", closedir(d));

  /* telldir/seekdir: remember a position, read on, come back */
  d = opendir("d");
  REQUIRE(d != NULL);
  struct dirent* e = readdir(d);
  REQUIRE(e != NULL);
  long pos = telldir(d);
  char next_name[256] = "";
  if ((e = readdir(d)) != NULL) snprintf(next_name, sizeof next_name, "%s", e->d_name);
  while (readdir(d) != NULL) {
  }
  seekdir(d, pos);
  e = readdir(d);
  printf("seekdir returns to the same entry: %d\n", e != NULL && strcmp(e->d_name, next_name) == 0);
  closedir(d);

  /* fdopendir/dirfd */
  fd = open("d", O_RDONLY | O_DIRECTORY);
  REQUIRE(fd >= 0);
  d = fdopendir(fd);
  REQUIRE(d != NULL);
  printf("dirfd is the descriptor: %d\n", dirfd(d) == fd);
  list("fdopendir", d, 0);
  closedir(d);
  SHOW("fd closed by closedir", close(fd));

  int filefd = open("d/file", O_RDONLY);
  SHOW("fdopendir on a file", fdopendir(filefd) == NULL ? -1 : 0);
  close(filefd);

  /* scandir with filter and alphasort: ordered output on every host */
  struct dirent** names;
  int n = scandir("d", &names, no_dots_and_not_z, alphasort);
  printf("scandir: %d\n", n);
  for (int i = 0; i < n; ++i) {
    printf("  %s\n", names[i]->d_name);
    free(names[i]);
  }
  if (n >= 0) free(names);
  SHOW("scandir missing", scandir("missing", &names, NULL, alphasort));

  /* many entries with long names: several fd_readdir buffers */
  REQUIRE(mkdir("many", 0755) == 0);
  for (int i = 0; i < 300; ++i) {
    char name[200];
    snprintf(name, sizeof name, "many/entry-%03d-%s", i,
             "padding-padding-padding-padding-padding-padding-padding-padding");
    fd = open(name, O_CREAT | O_WRONLY, 0644);
    REQUIRE(fd >= 0);
    close(fd);
  }
  d = opendir("many");
  REQUIRE(d != NULL);
  list("many", d, 0);
  closedir(d);

  SHOW("opendir missing", opendir("missing") == NULL ? -1 : 0);
  SHOW("opendir file", opendir("d/file") == NULL ? -1 : 0);
  SHOW("opendir file/", opendir("d/file/") == NULL ? -1 : 0);
  d = opendir("d/sub/..");
  SHOW("opendir through ..", d == NULL ? -1 : 0);
  if (d) closedir(d);
  return 0;
}
