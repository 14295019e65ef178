/* fcntl descriptor and status flags (F_SETFL is in fcntl_setfl.c), record locks, and flock, through the
 * shim. Record locks never conflict within one process (POSIX), so F_GETLK
 * reports F_UNLCK after the process's own lock; flock locks belong to open
 * file descriptions, so two opens of one file do conflict. Linux is the
 * oracle.
 * wasishim-test: native */
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "guest_test.h"

static const char* access_mode(int fl) {
  switch (fl & O_ACCMODE) {
    case O_RDONLY: return "O_RDONLY";
    case O_WRONLY: return "O_WRONLY";
    case O_RDWR: return "O_RDWR";
    default: return "other";
  }
}

static void show_getlk(const char* label, int fd, short type, off_t start, off_t len) {
  struct flock fl;
  memset(&fl, 0, sizeof fl);
  fl.l_type = type;
  fl.l_whence = SEEK_SET;
  fl.l_start = start;
  fl.l_len = len;
  errno = 0;
  int r = fcntl(fd, F_GETLK, &fl);
  printf("%s: %d %s type %s\n", label, r, errname(errno),
         fl.l_type == F_UNLCK ? "F_UNLCK" : fl.l_type == F_RDLCK ? "F_RDLCK" : "F_WRLCK");
}

static int setlk(int fd, int cmd, short type, off_t start, off_t len) {
  struct flock fl;
  memset(&fl, 0, sizeof fl);
  fl.l_type = type;
  fl.l_whence = SEEK_SET;
  fl.l_start = start;
  fl.l_len = len;
  return fcntl(fd, cmd, &fl);
}

int main(int argc, char** argv) {
  REQUIRE(argc >= 2);
  REQUIRE(chdir(argv[1]) == 0);
  int fd = open("f", O_CREAT | O_RDWR, 0644);
  REQUIRE(fd >= 0);

  /* F_GETFD / F_SETFD */
  SHOW("F_GETFD", fcntl(fd, F_GETFD));
  SHOW("F_SETFD cloexec", fcntl(fd, F_SETFD, FD_CLOEXEC));
  SHOW("F_GETFD", fcntl(fd, F_GETFD));
  SHOW("F_SETFD 0", fcntl(fd, F_SETFD, 0));
  SHOW("F_GETFD", fcntl(fd, F_GETFD));
  int cfd = open("g", O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
  SHOW("F_GETFD O_CLOEXEC", fcntl(cfd, F_GETFD));
  close(cfd);
  SHOW("F_GETFD bad fd", fcntl(99, F_GETFD));

  /* F_GETFL / F_SETFL */
  int fl = fcntl(fd, F_GETFL);
  printf("F_GETFL: %s append %d\n", access_mode(fl), (fl & O_APPEND) != 0);
  int rfd = open("f", O_RDONLY);
  printf("F_GETFL read-only: %s\n", access_mode(fcntl(rfd, F_GETFL)));
  int wfd = open("f", O_WRONLY | O_APPEND);
  fl = fcntl(wfd, F_GETFL);
  printf("F_GETFL write-only: %s append %d\n", access_mode(fl), (fl & O_APPEND) != 0);
  SHOW("unknown command", fcntl(fd, 12345));

  /* record locks */
  SHOW("F_SETLK write 0..10", setlk(fd, F_SETLK, F_WRLCK, 0, 10));
  show_getlk("F_GETLK own lock", fd, F_WRLCK, 0, 10);
  SHOW("F_SETLK read over it", setlk(fd, F_SETLK, F_RDLCK, 5, 10));
  SHOW("F_SETLKW write to EOF", setlk(fd, F_SETLKW, F_WRLCK, 0, 0));
  SHOW("F_SETLK unlock", setlk(fd, F_SETLK, F_UNLCK, 0, 0));
  SHOW("F_SETLK read on write-only fd", setlk(wfd, F_SETLK, F_RDLCK, 0, 1));
  SHOW("F_SETLK write on read-only fd", setlk(rfd, F_SETLK, F_WRLCK, 0, 1));
  SHOW("F_SETLK read on read-only fd", setlk(rfd, F_SETLK, F_RDLCK, 0, 1));
  SHOW("F_SETLK bad type", setlk(fd, F_SETLK, 77, 0, 1));
  SHOW("F_SETLK negative start", setlk(fd, F_SETLK, F_WRLCK, -5, 1));
  show_getlk("F_GETLK after close of another fd", fd, F_WRLCK, 0, 0);

  /* flock: conflicts between open file descriptions */
  int a = open("f", O_RDWR);
  int b = open("f", O_RDWR);
  REQUIRE(a >= 0 && b >= 0);
  SHOW("flock a LOCK_EX", flock(a, LOCK_EX));
  SHOW("flock b LOCK_EX|LOCK_NB", flock(b, LOCK_EX | LOCK_NB));
  SHOW("flock b LOCK_SH|LOCK_NB", flock(b, LOCK_SH | LOCK_NB));
  SHOW("flock a again (convert to shared)", flock(a, LOCK_SH));
  SHOW("flock b LOCK_SH|LOCK_NB", flock(b, LOCK_SH | LOCK_NB));
  SHOW("flock a LOCK_EX|LOCK_NB while b shares", flock(a, LOCK_EX | LOCK_NB));
  SHOW("flock b LOCK_UN", flock(b, LOCK_UN));
  SHOW("flock a LOCK_EX|LOCK_NB", flock(a, LOCK_EX | LOCK_NB));
  SHOW("close a", close(a));
  SHOW("flock b after a closed", flock(b, LOCK_EX | LOCK_NB));
  SHOW("flock bad op", flock(b, 0));
  SHOW("flock bad fd", flock(99, LOCK_SH));
  close(b);
  close(rfd);
  close(wfd);
  close(fd);
  return 0;
}
