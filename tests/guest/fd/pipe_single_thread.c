/* What Linux would wait for forever in a single-threaded program fails with
 * EDEADLK instead (docs/porting.md): a blocking read of an empty pipe whose
 * writer is still open, a blocking write that does not fit, poll on pipes
 * alone with no timeout. A write larger than PIPE_BUF into a nearly full
 * pipe writes what fits, as if the wait had been interrupted. With an
 * interval timer running, the wait lasts until its signal: the handler may
 * fill the pipe and the read restarts (SA_RESTART) and returns the bytes,
 * or the read fails with EINTR. Linux would hang, so the expected output
 * is written by hand. */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "guest_test.h"

static int writer = -1;
static void fill_from_handler(int sig) {
  (void)sig;
  (void)write(writer, "tick", 4);
}
static void do_nothing(int sig) { (void)sig; }

int main(void) {
  int p[2];
  REQUIRE(pipe(p) == 0);
  char buf[8] = {0};
  SHOW("blocking read of an empty pipe", read(p[0], buf, 1));
  struct pollfd pf = {p[0], POLLIN, 0};
  SHOW("poll on the empty pipe, no timeout", poll(&pf, 1, -1));

  static char big[65536];
  SHOW("fill", write(p[1], big, 65536 - 100));
  SHOW("blocking write of 200 bytes (atomic, does not fit)", write(p[1], big, 200));
  SHOW("blocking write of 5000 bytes: what fits", write(p[1], big, 5000));
  SHOW("blocking write into a full pipe", write(p[1], big, 1));
  REQUIRE(read(p[0], big, sizeof big) == (ssize_t)sizeof big);

  // A timer's handler writes into the pipe; the read restarts and gets it.
  writer = p[1];
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = fill_from_handler;
  sa.sa_flags = SA_RESTART;
  REQUIRE(sigaction(SIGALRM, &sa, NULL) == 0);
  struct itimerval t = {{0, 0}, {0, 20000}};
  REQUIRE(setitimer(ITIMER_REAL, &t, NULL) == 0);
  memset(buf, 0, sizeof buf);
  SHOW("read waits for the timer's handler", read(p[0], buf, sizeof buf - 1));
  printf("got: %s\n", buf);

  // Without SA_RESTART, a handler that writes nothing interrupts the read.
  sa.sa_handler = do_nothing;
  sa.sa_flags = 0;
  REQUIRE(sigaction(SIGALRM, &sa, NULL) == 0);
  REQUIRE(setitimer(ITIMER_REAL, &t, NULL) == 0);
  SHOW("read interrupted by the timer", read(p[0], buf, 1));
  REQUIRE(setitimer(ITIMER_REAL, &t, NULL) == 0);
  SHOW("poll interrupted by the timer", poll(&pf, 1, -1));
  return 0;
}
