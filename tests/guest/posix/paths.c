/* Path resolution through the shim: chdir/getcwd with "." and "..",
 * relative paths after chdir, trailing slashes, realpath through symbolic
 * links, and the name operations (mkdir, rmdir, unlink, rename, link,
 * symlink, readlink, remove) with their error cases. Linux is the oracle;
 * absolute paths are printed relative to the sandbox's real path.
 * wasishim-test: native */
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest_test.h"

static char root[PATH_MAX];

/* Prints an absolute path as "<sandbox>/rest", or as is outside the sandbox. */
static void show_path(const char* label, const char* p) {
  if (p == NULL) {
    printf("%s: NULL %s\n", label, errname(errno));
    return;
  }
  size_t n = strlen(root);
  if (strncmp(p, root, n) == 0 && (p[n] == '\0' || p[n] == '/'))
    printf("%s: <sandbox>%s\n", label, p + n);
  else
    printf("%s: outside the sandbox\n", label);
}

static void show_cwd(const char* label) {
  char buf[PATH_MAX];
  show_path(label, getcwd(buf, sizeof buf));
}

static void make_file(const char* path, const char* text) {
  int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
  close(fd);
}

static void show_type(const char* label, const char* path) {
  struct stat st;
  errno = 0;
  if (lstat(path, &st) != 0) {
    printf("%s: -1 %s\n", label, errname(errno));
    return;
  }
  printf("%s: %s\n", label, S_ISDIR(st.st_mode) ? "dir" : S_ISLNK(st.st_mode) ? "link" : S_ISREG(st.st_mode) ? "file" : "other");
}

int main(int argc, char** argv) {
  REQUIRE(argc >= 2);
  REQUIRE(realpath(argv[1], root) != NULL);

  SHOW("chdir sandbox", chdir(argv[1]));
  show_cwd("cwd");
  SHOW("mkdir a", mkdir("a", 0755));
  SHOW("mkdir a/b", mkdir("a/b", 0755));
  SHOW("mkdir a/b again", mkdir("a/b", 0755));
  SHOW("mkdir missing parent", mkdir("x/y", 0755));
  SHOW("mkdir trailing slash", mkdir("a/c/", 0755));
  SHOW("chdir a/b", chdir("a/b"));
  show_cwd("cwd");
  SHOW("chdir ..", chdir(".."));
  show_cwd("cwd after ..");
  SHOW("chdir ./b/../b/.", chdir("./b/../b/."));
  show_cwd("cwd");
  SHOW("chdir ../..", chdir("../.."));
  show_cwd("cwd");
  SHOW("chdir missing", chdir("nope"));
  make_file("f.txt", "file");
  SHOW("chdir file", chdir("f.txt"));
  show_cwd("cwd unchanged");

  /* relative paths resolve against the new cwd */
  SHOW("chdir a", chdir("a"));
  make_file("../g.txt", "gee");
  make_file("b/h.txt", "aitch");
  show_type("../g.txt", "../g.txt");
  show_type("b/h.txt", "b/h.txt");
  show_type("./b/../b/h.txt", "./b/../b/h.txt");
  show_type("absolute", argv[1]);
  SHOW("chdir back", chdir(".."));

  /* trailing slashes */
  show_type("f.txt/", "f.txt/");
  show_type("a/", "a/");
  show_type("a/.", "a/.");
  show_type("f.txt/.", "f.txt/.");
  SHOW("open f.txt/", open("f.txt/", O_RDONLY));

  /* symbolic links and realpath */
  SHOW("symlink a/b -> lb", symlink("a/b", "lb"));
  SHOW("symlink dangling", symlink("nowhere", "dangling"));
  SHOW("symlink exists", symlink("a", "lb"));
  char buf[PATH_MAX];
  char rp[PATH_MAX];
  memset(buf, 0, sizeof buf);
  SHOW("readlink lb", readlink("lb", buf, sizeof buf));
  printf("readlink text: %s\n", buf);
  memset(buf, 0, sizeof buf);
  SHOW("readlink short buffer", readlink("lb", buf, 2));
  printf("readlink short text: %s\n", buf);
  SHOW("readlink regular", readlink("f.txt", buf, sizeof buf));
  SHOW("readlink missing", readlink("missing", buf, sizeof buf));
  show_type("lb", "lb");
  show_type("lb/", "lb/");
  show_type("lb/h.txt", "lb/h.txt");
  show_type("dangling", "dangling");
  struct stat st;
  SHOW("stat dangling", stat("dangling", &st));
  show_path("realpath .", realpath(".", rp));
  show_path("realpath lb", realpath("lb", rp));
  show_path("realpath lb/..", realpath("lb/..", rp));
  show_path("realpath lb/h.txt", realpath("lb/h.txt", rp));
  show_path("realpath a/./b//h.txt", realpath("a/./b//h.txt", rp));
  show_path("realpath missing", realpath("missing", rp));
  show_path("realpath dangling", realpath("dangling", rp));
  show_path("realpath f.txt/", realpath("f.txt/", rp));
  char* dyn = realpath("a", NULL);
  show_path("realpath a (malloc)", dyn);
  free(dyn);
  SHOW("symlink loop1", symlink("loop2", "loop1"));
  SHOW("symlink loop2", symlink("loop1", "loop2"));
  show_path("realpath loop", realpath("loop1", rp));
  SHOW("open loop", open("loop1", O_RDONLY));
  SHOW("chdir lb", chdir("lb"));
  show_type("h.txt via lb", "h.txt");
  SHOW("chdir root", chdir(argv[1]));

  /* links, renames, unlinks */
  SHOW("link", link("f.txt", "f2.txt"));
  SHOW("stat nlink", stat("f.txt", &st));
  printf("nlink: %ld\n", (long)st.st_nlink);
  SHOW("link exists", link("f.txt", "g.txt"));
  SHOW("link missing", link("missing", "m2"));
  SHOW("rename f2 -> a/f3", rename("f2.txt", "a/f3.txt"));
  show_type("a/f3.txt", "a/f3.txt");
  show_type("f2.txt", "f2.txt");
  SHOW("rename over file", rename("g.txt", "a/f3.txt"));
  SHOW("rename missing", rename("missing", "x"));
  SHOW("rename dir into itself", rename("a", "a/b/inside"));
  SHOW("rename file over dir", rename("a/f3.txt", "a/b"));
  SHOW("rename dir over nonempty", rename("a/b", "a"));
  SHOW("mkdir e", mkdir("e", 0755));
  SHOW("rename dir over empty dir", rename("e", "e2"));
  SHOW("unlink dir", unlink("a"));
  SHOW("unlink missing", unlink("missing"));
  SHOW("unlink symlink", unlink("lb"));
  show_type("a/b after unlinking lb", "a/b");
  SHOW("rmdir nonempty", rmdir("a"));
  SHOW("rmdir file", rmdir("f.txt"));
  SHOW("rmdir missing", rmdir("missing"));
  SHOW("rmdir e2/", rmdir("e2/"));
  SHOW("rmdir .", rmdir("."));
  SHOW("remove file", remove("f.txt"));
  SHOW("remove dir", remove("a/b/h.txt") == 0 ? remove("a/b") : -1);
  SHOW("remove missing", remove("missing"));
  SHOW("unlink dangling", unlink("dangling"));
  SHOW("unlink loop1", unlink("loop1"));
  SHOW("unlink loop2", unlink("loop2"));

  /* *at forms */
  int dfd = open("a", O_RDONLY | O_DIRECTORY);
  REQUIRE(dfd >= 0);
  SHOW("mkdirat", mkdirat(dfd, "sub", 0755));
  SHOW("symlinkat", symlinkat("sub", dfd, "sublink"));
  memset(buf, 0, sizeof buf);
  SHOW("readlinkat", readlinkat(dfd, "sublink", buf, sizeof buf));
  printf("readlinkat text: %s\n", buf);
  SHOW("linkat", linkat(AT_FDCWD, "g.txt", dfd, "g-link", 0));
  SHOW("renameat", renameat(dfd, "g-link", AT_FDCWD, "g2.txt"));
  SHOW("unlinkat file", unlinkat(AT_FDCWD, "g2.txt", 0));
  SHOW("unlinkat dir without flag", unlinkat(dfd, "sub", 0));
  SHOW("unlinkat symlink", unlinkat(dfd, "sublink", 0));
  SHOW("unlinkat AT_REMOVEDIR", unlinkat(dfd, "sub", AT_REMOVEDIR));
  SHOW("unlinkat bad flag", unlinkat(dfd, "x", 0x4000));
  close(dfd);

  /* fchdir */
  dfd = open("a", O_RDONLY | O_DIRECTORY);
  SHOW("fchdir", fchdir(dfd));
  show_cwd("cwd after fchdir");
  close(dfd);
  SHOW("fchdir closed", fchdir(dfd));
  SHOW("chdir empty", chdir(""));
  char small[4];
  show_path("getcwd too small", getcwd(small, sizeof small));
  return 0;
}
