/* poll and select see pipe ends: readable, writable, hang-up, error, and
 * timeouts that end the wait. Linux is the oracle. (poll_files.c mixes in
 * files and bad descriptors.)
 * wasishim-test: native */
#include <fcntl.h>
#include <poll.h>
#include <sys/select.h>
#include <unistd.h>

#include "guest_test.h"

static void show_events(const char* label, short ev) {
  printf("%s:%s%s%s%s%s\n", label, ev & POLLIN ? " IN" : "", ev & POLLOUT ? " OUT" : "",
         ev & POLLHUP ? " HUP" : "", ev & POLLERR ? " ERR" : "", ev & POLLNVAL ? " NVAL" : "");
}

static void poll_all(const char* label, struct pollfd* p, int n, int timeout) {
  errno = 0;
  int r = poll(p, n, timeout);
  printf("%s: poll returns %d %s\n", label, r, r < 0 ? errname(errno) : "");
  for (int i = 0; i < n; ++i) {
    char name[32];
    snprintf(name, sizeof name, "  [%d]", i);
    show_events(name, p[i].revents);
  }
}

int main(void) {
  int p[2];
  REQUIRE(pipe(p) == 0);

  struct pollfd fds[2] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}};
  poll_all("empty pipe", fds, 2, 0);
  REQUIRE(write(p[1], "x", 1) == 1);
  poll_all("one byte in the pipe", fds, 2, 100);
  fds[1].fd = -1;  // ignored
  poll_all("write end left out", fds, 2, 0);
  fds[1].fd = p[1];

  fd_set rd, wr;
  FD_ZERO(&rd);
  FD_ZERO(&wr);
  FD_SET(p[0], &rd);
  FD_SET(p[1], &wr);
  struct timeval tv = {0, 0};
  int nfds = (p[1] > p[0] ? p[1] : p[0]) + 1;
  SHOW("select", select(nfds, &rd, &wr, NULL, &tv));
  printf("readable: %d; writable: %d\n", FD_ISSET(p[0], &rd) != 0, FD_ISSET(p[1], &wr) != 0);

  char c;
  REQUIRE(read(p[0], &c, 1) == 1);
  FD_ZERO(&rd);
  FD_SET(p[0], &rd);
  tv.tv_usec = 20000;
  SHOW("select on the empty pipe, 20 ms", select(p[0] + 1, &rd, NULL, NULL, &tv));
  printf("readable: %d\n", FD_ISSET(p[0], &rd) != 0);
  SHOW("poll on the empty pipe, 20 ms", poll(fds, 1, 20));

  // Fill the pipe: the write end is no longer writable.
  REQUIRE(fcntl(p[1], F_SETFL, O_NONBLOCK) == 0);
  static char buf[70000];
  while (write(p[1], buf, sizeof buf) > 0) {
  }
  poll_all("full pipe", fds, 2, 0);

  REQUIRE(close(p[1]) == 0);
  fds[1].fd = -1;
  poll_all("writer closed, bytes left", fds, 1, 0);
  while (read(p[0], buf, sizeof buf) > 0) {
  }
  poll_all("writer closed, drained", fds, 1, 0);
  FD_ZERO(&rd);
  FD_SET(p[0], &rd);
  tv.tv_usec = 0;
  SHOW("select sees end of file as readable", select(p[0] + 1, &rd, NULL, NULL, &tv));

  REQUIRE(pipe(p) == 0);
  REQUIRE(close(p[0]) == 0);
  struct pollfd w = {p[1], POLLOUT, 0};
  poll_all("reader closed", &w, 1, 0);
  return 0;
}
