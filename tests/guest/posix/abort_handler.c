/* abort runs SIGABRT's handler even while SIGABRT is blocked; when the
 * handler returns, abort still ends the program as killed by SIGABRT
 * (status 134, 128 + 6). Linux is the oracle.
 * wasishim-test: native
 * wasishim-test: exit 134 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

static void handler(int sig) {
  printf("handler ran for %d\n", sig);
  fflush(stdout);
}

int main(void) {
  signal(SIGABRT, handler);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGABRT);
  sigprocmask(SIG_BLOCK, &set, NULL);
  printf("aborting\n");
  fflush(stdout);
  abort();
}
