/* Clocks, sleep, randomness, page size and process identity through the
 * shim. Values differ between runs, so only their properties are printed.
 * Linux is the oracle.
 * wasishim-test: native */
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "guest_test.h"

static long long ns(const struct timespec* t) { return (long long)t->tv_sec * 1000000000LL + t->tv_nsec; }

int main(void) {
  struct timespec a, b, res;
  SHOW("clock_gettime REALTIME", clock_gettime(CLOCK_REALTIME, &a));
  printf("after 2023: %d\n", a.tv_sec > 1672531200);
  SHOW("clock_gettime MONOTONIC", clock_gettime(CLOCK_MONOTONIC, &a));
  SHOW("clock_getres MONOTONIC", clock_getres(CLOCK_MONOTONIC, &res));
  printf("resolution positive and below 1s: %d\n", ns(&res) > 0 && ns(&res) < 1000000000LL);
  struct timespec nap = {0, 20 * 1000 * 1000};
  SHOW("nanosleep 20ms", nanosleep(&nap, NULL));
  SHOW("clock_gettime MONOTONIC", clock_gettime(CLOCK_MONOTONIC, &b));
  printf("monotonic advanced by >= 20ms: %d\n", ns(&b) - ns(&a) >= 20 * 1000 * 1000LL);
  struct timespec bad = {0, 1000000000};
  SHOW("nanosleep bad nsec", nanosleep(&bad, NULL));
  struct timespec neg = {-1, 0};
  SHOW("nanosleep negative", nanosleep(&neg, NULL));

  /* clock_nanosleep returns the error number */
  struct timespec until;
  clock_gettime(CLOCK_MONOTONIC, &until);
  until.tv_nsec += 20 * 1000 * 1000;
  if (until.tv_nsec >= 1000000000) {
    until.tv_nsec -= 1000000000;
    until.tv_sec += 1;
  }
  printf("clock_nanosleep absolute: %s\n", errname(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL)));
  clock_gettime(CLOCK_MONOTONIC, &b);
  printf("reached the deadline: %d\n", ns(&b) >= ns(&until));
  printf("clock_nanosleep relative: %s\n", errname(clock_nanosleep(CLOCK_REALTIME, 0, &nap, NULL)));
  printf("clock_nanosleep bad nsec: %s\n", errname(clock_nanosleep(CLOCK_MONOTONIC, 0, &bad, NULL)));
  SHOW("usleep 1000", usleep(1000));
  SHOW("sleep 0", sleep(0));

  unsigned char r1[32], r2[32];
  memset(r1, 0, sizeof r1);
  memset(r2, 0, sizeof r2);
  SHOW("getentropy 32", getentropy(r1, sizeof r1));
  SHOW("getentropy 32", getentropy(r2, sizeof r2));
  printf("two draws differ: %d\n", memcmp(r1, r2, sizeof r1) != 0);
  unsigned char big[300];
  SHOW("getentropy 300", getentropy(big, sizeof big));

  long page = sysconf(_SC_PAGESIZE);
  printf("page size power of two >= 4096: %d\n", page >= 4096 && (page & (page - 1)) == 0);
  printf("getpagesize agrees with sysconf: %d\n", getpagesize() == page);
  printf("getpid positive and stable: %d\n", getpid() > 0 && getpid() == getpid());
  return 0;
}
