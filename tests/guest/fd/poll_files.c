/* poll and select on pipe ends, a regular file and a bad descriptor in one
 * call: the file is polled by the host (always ready, as on Linux), the bad
 * descriptor is POLLNVAL for poll and EBADF for select. Linux is the oracle.
 * wasishim-test: native
 * wasishim-test: node-differs Node's WASI poll_oneoff fails with EPERM on a regular file's subscription and reports nothing for a bad descriptor */
#include <fcntl.h>
#include <poll.h>
#include <sys/select.h>
#include <unistd.h>

#include "guest_test.h"

static void show_events(const char* label, short ev) {
  printf("%s:%s%s%s%s%s\n", label, ev & POLLIN ? " IN" : "", ev & POLLOUT ? " OUT" : "",
         ev & POLLHUP ? " HUP" : "", ev & POLLERR ? " ERR" : "", ev & POLLNVAL ? " NVAL" : "");
}

int main(int argc, char** argv) {
  REQUIRE(argc >= 2);
  REQUIRE(chdir(argv[1]) == 0);
  int file = open("f", O_CREAT | O_RDWR | O_TRUNC, 0644);
  REQUIRE(file >= 0);
  int p[2];
  REQUIRE(pipe(p) == 0);
  /* A descriptor number just closed, not a large constant: Linux's select
   * ignores bits past the process's descriptor table (64 entries in a fresh
   * process), so select on descriptor 99 returns 0 there instead of EBADF. */
  int bad = dup(file);
  REQUIRE(bad >= 0);
  REQUIRE(close(bad) == 0);
  struct pollfd fds[4] = {
      {p[0], POLLIN, 0}, {p[1], POLLOUT, 0}, {file, POLLIN | POLLOUT, 0}, {bad, POLLIN, 0}};
  SHOW("poll", poll(fds, 4, 0));
  show_events("pipe read end", fds[0].revents);
  show_events("pipe write end", fds[1].revents);
  show_events("file", fds[2].revents);
  show_events("bad descriptor", fds[3].revents);

  fd_set rd, wr;
  FD_ZERO(&rd);
  FD_ZERO(&wr);
  FD_SET(p[0], &rd);
  FD_SET(file, &rd);
  FD_SET(file, &wr);
  struct timeval tv = {0, 0};
  SHOW("select", select((file > p[0] ? file : p[0]) + 1, &rd, &wr, NULL, &tv));
  printf("readable: pipe %d file %d; writable: file %d\n", FD_ISSET(p[0], &rd) != 0,
         FD_ISSET(file, &rd) != 0, FD_ISSET(file, &wr) != 0);
  FD_ZERO(&rd);
  FD_SET(bad, &rd);
  SHOW("select on a bad descriptor", select(bad + 1, &rd, NULL, NULL, &tv));
  return 0;
}
