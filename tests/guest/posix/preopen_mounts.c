/* Preopens as a mount table. Besides /sandbox, the host also preopens the
 * same directory as "." (mounted at "/", the initial working directory) and
 * as /sandbox/nested (inside /sandbox: the longer mount wins). All three name
 * one host directory, so a file made through one is seen through the others.
 * Node's runner takes no extra preopens, hence no-node; the expected output
 * is written by hand from POSIX mount semantics.
 * wasishim-test: host-args --dir .::. --dir .::/sandbox/nested
 * wasishim-test: no-node the test needs extra preopens only wasishim's runner passes */
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest_test.h"

static void show_cwd(void) {
  char buf[PATH_MAX];
  printf("cwd: %s\n", getcwd(buf, sizeof buf) ? buf : errname(errno));
}

static void show_size(const char* path) {
  struct stat st;
  errno = 0;
  if (stat(path, &st) == 0)
    printf("stat %s: size %lld\n", path, (long long)st.st_size);
  else
    printf("stat %s: -1 %s\n", path, errname(errno));
}

int main(void) {
  show_cwd();
  int fd = open("/sandbox/one.txt", O_CREAT | O_WRONLY, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(write(fd, "1", 1) == 1);
  close(fd);
  /* relative to the initial cwd "/": the "." preopen */
  fd = open("two.txt", O_CREAT | O_WRONLY, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(write(fd, "22", 2) == 2);
  close(fd);
  show_size("one.txt");
  show_size("/two.txt");
  show_size("/sandbox/two.txt");
  show_size("/sandbox/nested/one.txt");
  show_size("/sandbox/nested/nested/two.txt");
  SHOW("chdir /sandbox/nested", chdir("/sandbox/nested"));
  show_cwd();
  show_size("two.txt");
  SHOW("chdir ..", chdir(".."));
  show_cwd();
  SHOW("chdir ../..", chdir("../.."));
  show_cwd();
  SHOW("rmdir a mount point", rmdir("/sandbox/nested"));
  SHOW("rename a mount point", rename("/sandbox/nested", "/sandbox/moved"));
  SHOW("mkdir a mount point", mkdir("/sandbox", 0755));
  show_size("/sandbox/moved");
  return 0;
}
