/* pipe and pipe2 inside one program: bytes in order, end of file once every
 * writer (dup included) is closed, EPIPE with SIGPIPE ignored or caught,
 * O_NONBLOCK (also set through a dup), the 64 KiB capacity, fstat, lseek,
 * F_GETFL, FIONREAD and the wrong end. Linux is the oracle.
 * wasishim-test: native */
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "guest_test.h"

static int sigpipes;
static void on_sigpipe(int sig) {
  (void)sig;
  ++sigpipes;
}

static void show_read(const char* label, int fd, size_t n) {
  char buf[64] = {0};
  errno = 0;
  ssize_t got = read(fd, buf, n);
  if (got < 0)
    printf("%s: -1 %s\n", label, errname(errno));
  else
    printf("%s: %zd \"%s\"\n", label, got, buf);
}

int main(void) {
  int p[2];
  SHOW("pipe", pipe(p));
  SHOW("write", write(p[1], "hello ", 6));
  struct iovec v[2] = {{"pipe", 4}, {" world", 6}};
  SHOW("writev", writev(p[1], v, 2));
  int avail = -1;
  SHOW("FIONREAD", ioctl(p[0], FIONREAD, &avail));
  printf("bytes waiting: %d\n", avail);
  show_read("read 5", p[0], 5);
  char a[4] = {0}, b[8] = {0};
  struct iovec r[2] = {{a, 3}, {b, 7}};
  SHOW("readv", readv(p[0], r, 2));
  printf("readv got \"%s\" \"%s\"\n", a, b);
  show_read("read the rest", p[0], 60);

  struct stat st;
  SHOW("fstat read end", fstat(p[0], &st));
  printf("S_ISFIFO: %d, mode bits %o, size %lld\n", S_ISFIFO(st.st_mode), st.st_mode & 0777,
         (long long)st.st_size);
  SHOW("fstat write end", fstat(p[1], &st));
  printf("S_ISFIFO: %d\n", S_ISFIFO(st.st_mode));
  SHOW("lseek", lseek(p[0], 0, SEEK_CUR));
  SHOW("pread", pread(p[0], a, 1, 0));
  SHOW("pwrite", pwrite(p[1], "x", 1, 0));
  SHOW("ftruncate", ftruncate(p[1], 0));
  SHOW("fsync", fsync(p[1]));
  SHOW("isatty", isatty(p[0]));
  printf("isatty errno: %s\n", errname(errno));
  printf("F_GETFL read end: %s\n", (fcntl(p[0], F_GETFL) & O_ACCMODE) == O_RDONLY ? "O_RDONLY" : "?");
  printf("F_GETFL write end: %s\n", (fcntl(p[1], F_GETFL) & O_ACCMODE) == O_WRONLY ? "O_WRONLY" : "?");
  SHOW("write to the read end", write(p[0], "x", 1));
  SHOW("read from the write end", read(p[1], a, 1));
  SHOW("zero-byte read", read(p[0], a, 0));

  // O_NONBLOCK through a dup of the read end is the pipe end's flag.
  int d = dup(p[0]);
  REQUIRE(d >= 0);
  SHOW("F_SETFL O_NONBLOCK on the dup", fcntl(d, F_SETFL, O_NONBLOCK));
  printf("read end sees O_NONBLOCK: %d\n", (fcntl(p[0], F_GETFL) & O_NONBLOCK) != 0);
  SHOW("read empty, nonblocking", read(p[0], a, 1));
  SHOW("close the dup", close(d));

  // Capacity: nonblocking writes of 1 KiB until the pipe is full.
  SHOW("F_SETFL O_NONBLOCK on the write end", fcntl(p[1], F_SETFL, O_NONBLOCK));
  static char kib[1024];
  memset(kib, 'k', sizeof kib);
  long total = 0;
  ssize_t n;
  while ((n = write(p[1], kib, sizeof kib)) > 0) total += n;
  printf("full after %ld bytes, then: %s\n", total, errname(errno));
  long drained = 0;
  while ((n = read(p[0], kib, sizeof kib)) > 0) drained += n;
  printf("drained %ld bytes, then: %s\n", drained, errname(errno));
  static char big[100000];
  SHOW("one large nonblocking write", write(p[1], big, sizeof big));
  drained = 0;
  while ((n = read(p[0], big, sizeof big)) > 0) drained += n;
  printf("drained %ld bytes\n", drained);

  // End of file only when every writer is gone.
  int w2 = dup(p[1]);
  REQUIRE(w2 >= 0);
  SHOW("write through the dup'ed writer", write(w2, "AB", 2));
  SHOW("close the first writer", close(p[1]));
  show_read("read", p[0], 10);
  SHOW("read with a writer left, nonblocking", read(p[0], a, 1));
  SHOW("close the last writer", close(w2));
  show_read("read at end of file", p[0], 10);
  SHOW("close the reader", close(p[0]));

  // No reader: EPIPE, and SIGPIPE ignored or caught.
  SHOW("pipe2 O_CLOEXEC", pipe2(p, O_CLOEXEC));
  SHOW("F_GETFD", fcntl(p[0], F_GETFD));
  SHOW("close the reader", close(p[0]));
  signal(SIGPIPE, SIG_IGN);
  SHOW("write, SIGPIPE ignored", write(p[1], "x", 1));
  signal(SIGPIPE, on_sigpipe);
  SHOW("write, SIGPIPE caught", write(p[1], "x", 1));
  printf("SIGPIPE handler ran %d time(s)\n", sigpipes);
  SHOW("zero-byte write without reader", write(p[1], "x", 0));
  SHOW("close the writer", close(p[1]));
  SHOW("pipe2 bad flags", pipe2(p, 0x7));
  return 0;
}
