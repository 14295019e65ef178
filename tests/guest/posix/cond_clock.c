/* pthread_condattr_setclock is honoured: a timed wait on a condition variable
 * given CLOCK_MONOTONIC ends at a monotonic deadline, not at once; the default
 * clock stays CLOCK_REALTIME. With one thread nobody signals, so every wait
 * times out, as it does on Linux when nobody signals.
 * wasishim-test: native */
#include <errno.h>
#include <pthread.h>
#include <time.h>

#include "guest_test.h"

static struct timespec plus_ms(struct timespec t, long ms) {
  t.tv_nsec += ms * 1000000L;
  t.tv_sec += t.tv_nsec / 1000000000L;
  t.tv_nsec %= 1000000000L;
  return t;
}

static int not_before(struct timespec a, struct timespec b) {
  return a.tv_sec > b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec >= b.tv_nsec);
}

/* Waits on `c` until `deadline` on `clock`; prints the result and whether the
 * wait lasted until the deadline. */
static void timed_wait(const char* label, pthread_cond_t* c, clockid_t clock, struct timespec deadline) {
  pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
  REQUIRE(pthread_mutex_lock(&m) == 0);
  int r = pthread_cond_timedwait(c, &m, &deadline);
  struct timespec now;
  clock_gettime(clock, &now);
  printf("%s: %s, waited until the deadline: %d\n", label, errname(r), not_before(now, deadline));
  REQUIRE(pthread_mutex_unlock(&m) == 0);
}

int main(void) {
  pthread_condattr_t a;
  REQUIRE(pthread_condattr_init(&a) == 0);
  clockid_t clock;
  REQUIRE(pthread_condattr_getclock(&a, &clock) == 0);
  printf("default clock is realtime: %d\n", clock == CLOCK_REALTIME);
  printf("setclock monotonic: %s\n", errname(pthread_condattr_setclock(&a, CLOCK_MONOTONIC)));
  REQUIRE(pthread_condattr_getclock(&a, &clock) == 0);
  printf("clock is monotonic: %d\n", clock == CLOCK_MONOTONIC);

  pthread_cond_t mono;
  REQUIRE(pthread_cond_init(&mono, &a) == 0);
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  timed_wait("monotonic, 1 s", &mono, CLOCK_MONOTONIC, plus_ms(t, 1000));
  REQUIRE(pthread_cond_destroy(&mono) == 0);

  /* The default, and a static initializer: realtime. */
  pthread_cond_t real = PTHREAD_COND_INITIALIZER;
  clock_gettime(CLOCK_REALTIME, &t);
  timed_wait("static initializer, 200 ms", &real, CLOCK_REALTIME, plus_ms(t, 200));
  pthread_cond_t real2;
  REQUIRE(pthread_cond_init(&real2, NULL) == 0);
  clock_gettime(CLOCK_REALTIME, &t);
  timed_wait("no attribute, 200 ms", &real2, CLOCK_REALTIME, plus_ms(t, 200));
  return 0;
}
