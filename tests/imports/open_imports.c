/* The WASI imports one open() makes (issue 13: one import per open on the
 * common path). Each case is framed by marker writes to stderr, which
 * count_imports.py finds in the host's --trace; the first path operation
 * (which reads the preopens and their rights) comes before any marker.
 *   open_imports DIR */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char path[512];

static void mark(const char* what) { write(2, what, strlen(what)); }

static const char* in(const char* dir, const char* name) {
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return path;
}

static int check(int fd, const char* what) {
  if (fd < 0) {
    perror(what);
    return 1;
  }
  close(fd);
  return 0;
}

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  const char* dir = argv[1];
  int fails = 0;
  int fd = open(in(dir, "existing"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0 || write(fd, "x", 1) != 1) return 3;
  close(fd);
  if (mkdir(in(dir, "sub"), 0755) != 0) return 4;
  close(open(in(dir, "sub/inner"), O_WRONLY | O_CREAT, 0644));

  mark("MARK open O_RDONLY existing\n");
  fd = open(in(dir, "existing"), O_RDONLY);
  mark("END\n");
  fails += check(fd, "O_RDONLY");

  mark("MARK open O_WRONLY existing\n");
  fd = open(in(dir, "existing"), O_WRONLY);
  mark("END\n");
  fails += check(fd, "O_WRONLY");

  mark("MARK open O_RDWR|O_APPEND existing\n");
  fd = open(in(dir, "existing"), O_RDWR | O_APPEND);
  mark("END\n");
  fails += check(fd, "O_RDWR|O_APPEND");

  mark("MARK open O_RDONLY|O_CLOEXEC existing\n");
  fd = open(in(dir, "existing"), O_RDONLY | O_CLOEXEC);
  mark("END\n");
  fails += check(fd, "O_CLOEXEC");

  int sub = open(in(dir, "sub"), O_RDONLY | O_DIRECTORY);
  if (sub < 0) return 5;
  mark("MARK openat subdirectory O_RDONLY existing\n");
  fd = openat(sub, "inner", O_RDONLY);
  mark("END\n");
  fails += check(fd, "openat");
  close(sub);

  mark("MARK open O_WRONLY|O_CREAT existing\n");
  fd = open(in(dir, "existing"), O_WRONLY | O_CREAT, 0644);
  mark("END\n");
  fails += check(fd, "O_CREAT existing");

  mark("MARK open O_WRONLY|O_CREAT new\n");
  fd = open(in(dir, "new"), O_WRONLY | O_CREAT, 0600);
  mark("END\n");
  fails += check(fd, "O_CREAT new");
  return fails;
}
