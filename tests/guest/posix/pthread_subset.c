/* The single-threaded pthread subset: mutex kinds, rwlocks, keys, once and
 * condition variables, with the errors a single thread can observe. Linux
 * blocks forever where the subset reports EDEADLK, so the expected output is
 * written by hand. */
#include <errno.h>
#include <pthread.h>
#include <time.h>

#include "guest_test.h"

static int once_count;
static void once_init(void) { ++once_count; }

#define R(label, expr) printf("%s: %s\n", label, errname(expr))

int main(void) {
  pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
  R("lock", pthread_mutex_lock(&m));
  R("trylock held", pthread_mutex_trylock(&m));
  R("relock normal", pthread_mutex_lock(&m));
  R("destroy held", pthread_mutex_destroy(&m));
  R("unlock", pthread_mutex_unlock(&m));
  R("unlock unlocked", pthread_mutex_unlock(&m));

  pthread_mutexattr_t a;
  pthread_mutexattr_init(&a);
  R("settype recursive", pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE));
  pthread_mutex_t r;
  pthread_mutex_init(&r, &a);
  R("recursive lock", pthread_mutex_lock(&r));
  R("recursive lock again", pthread_mutex_lock(&r));
  R("recursive unlock", pthread_mutex_unlock(&r));
  R("recursive unlock", pthread_mutex_unlock(&r));
  R("recursive unlock extra", pthread_mutex_unlock(&r));
  R("settype bad", pthread_mutexattr_settype(&a, 99));

  pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
  R("rdlock", pthread_rwlock_rdlock(&rw));
  R("rdlock again", pthread_rwlock_rdlock(&rw));
  R("trywrlock with readers", pthread_rwlock_trywrlock(&rw));
  R("unlock", pthread_rwlock_unlock(&rw));
  R("unlock", pthread_rwlock_unlock(&rw));
  R("wrlock", pthread_rwlock_wrlock(&rw));
  R("tryrdlock with writer", pthread_rwlock_tryrdlock(&rw));
  R("unlock", pthread_rwlock_unlock(&rw));

  pthread_key_t k;
  R("key_create", pthread_key_create(&k, NULL));
  printf("getspecific unset: %d\n", pthread_getspecific(k) == NULL);
  int value = 42;
  R("setspecific", pthread_setspecific(k, &value));
  printf("getspecific: %d\n", *(int*)pthread_getspecific(k));
  R("key_delete", pthread_key_delete(k));
  R("setspecific deleted", pthread_setspecific(k, &value));

  pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, once_init);
  pthread_once(&once, once_init);
  printf("once ran %d time(s)\n", once_count);

  pthread_cond_t c = PTHREAD_COND_INITIALIZER;
  R("signal", pthread_cond_signal(&c));
  R("wait without the mutex", pthread_cond_wait(&c, &m));
  pthread_mutex_lock(&m);
  R("wait, nobody can signal", pthread_cond_wait(&c, &m));
  struct timespec soon;
  clock_gettime(CLOCK_REALTIME, &soon);
  soon.tv_nsec += 1000000;
  if (soon.tv_nsec >= 1000000000) {
    soon.tv_nsec -= 1000000000;
    soon.tv_sec += 1;
  }
  int timed = pthread_cond_timedwait(&c, &m, &soon);
  printf("timedwait: %s\n", timed == ETIMEDOUT ? "ETIMEDOUT" : errname(timed));
  pthread_mutex_unlock(&m);
  printf("self equals self: %d\n", pthread_equal(pthread_self(), pthread_self()));
  pthread_t t;
  R("create", pthread_create(&t, NULL, NULL, NULL));
  return 0;
}
