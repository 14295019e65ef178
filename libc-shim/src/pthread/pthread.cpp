// The single-threaded pthread subset declared by overlay/pthread.h. With one
// thread, a lock is a state to check, never something to wait for: a wait
// that only another thread could end reports EDEADLK.
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <time.h>

namespace {

// Layout inside the opaque musl types (all zero = PTHREAD_*_INITIALIZER).
constexpr int held = 0;   // mutex: times locked; rwlock: readers
constexpr int kind = 1;   // mutex: type
constexpr int writer = 1; // rwlock: 1 when write-locked
constexpr int cond_clock = 0;  // condition variable: the clock timed waits use
// The clock a condition attribute and a condition variable record (zero, the
// static initializer's value, is realtime as POSIX's default).
constexpr int realtime_clock = 0;
constexpr int monotonic_clock = 1;

struct key_slot {
  bool used;
  const void* value;
  void (*destructor)(void*);
};
key_slot keys[PTHREAD_KEYS_MAX];

}  // namespace

extern "C" {

pthread_t pthread_self(void) { return static_cast<pthread_t>(1); }
int pthread_equal(pthread_t a, pthread_t b) { return a == b; }
int pthread_create(pthread_t* __restrict, const pthread_attr_t* __restrict, void* (*)(void*),
                   void* __restrict) {
  return ENOSYS;  // preview1 instances have one thread
}
int pthread_join(pthread_t, void**) { return ESRCH; }
int pthread_detach(pthread_t) { return ESRCH; }
int pthread_attr_init(pthread_attr_t* a) {
  memset(a, 0, sizeof *a);
  return 0;
}
int pthread_attr_destroy(pthread_attr_t*) { return 0; }

int pthread_mutexattr_init(pthread_mutexattr_t* a) {
  a->__attr = PTHREAD_MUTEX_DEFAULT;
  return 0;
}
int pthread_mutexattr_destroy(pthread_mutexattr_t*) { return 0; }
int pthread_mutexattr_settype(pthread_mutexattr_t* a, int type) {
  if (type < PTHREAD_MUTEX_NORMAL || type > PTHREAD_MUTEX_ERRORCHECK) return EINVAL;
  a->__attr = static_cast<unsigned>(type);
  return 0;
}
int pthread_mutexattr_gettype(const pthread_mutexattr_t* __restrict a, int* __restrict type) {
  *type = static_cast<int>(a->__attr);
  return 0;
}
int pthread_mutexattr_setpshared(pthread_mutexattr_t*, int shared) {
  return shared == PTHREAD_PROCESS_PRIVATE || shared == PTHREAD_PROCESS_SHARED ? 0 : EINVAL;
}
int pthread_mutex_init(pthread_mutex_t* __restrict m, const pthread_mutexattr_t* __restrict a) {
  memset(m, 0, sizeof *m);
  m->__u.__i[kind] = a ? static_cast<int>(a->__attr) : PTHREAD_MUTEX_DEFAULT;
  return 0;
}
int pthread_mutex_destroy(pthread_mutex_t* m) { return m->__u.__i[held] ? EBUSY : 0; }
int pthread_mutex_lock(pthread_mutex_t* m) {
  if (m->__u.__i[held] && m->__u.__i[kind] != PTHREAD_MUTEX_RECURSIVE) return EDEADLK;
  ++m->__u.__i[held];
  return 0;
}
int pthread_mutex_trylock(pthread_mutex_t* m) {
  if (m->__u.__i[held] && m->__u.__i[kind] != PTHREAD_MUTEX_RECURSIVE) return EBUSY;
  ++m->__u.__i[held];
  return 0;
}
int pthread_mutex_unlock(pthread_mutex_t* m) {
  if (m->__u.__i[held] == 0) return EPERM;
  --m->__u.__i[held];
  return 0;
}

int pthread_condattr_init(pthread_condattr_t* a) {
  a->__attr = realtime_clock;
  return 0;
}
int pthread_condattr_destroy(pthread_condattr_t*) { return 0; }
int pthread_condattr_setpshared(pthread_condattr_t*, int) { return 0; }
int pthread_condattr_setclock(pthread_condattr_t* a, clockid_t clock) {
  // The clocks a timed wait can be measured against; CPU-time clocks cannot.
  if (clock == CLOCK_REALTIME) {
    a->__attr = realtime_clock;
  } else if (clock == CLOCK_MONOTONIC) {
    a->__attr = monotonic_clock;
  } else {
    return EINVAL;
  }
  return 0;
}
int pthread_condattr_getclock(const pthread_condattr_t* __restrict a, clockid_t* __restrict clock) {
  *clock = a->__attr == monotonic_clock ? CLOCK_MONOTONIC : CLOCK_REALTIME;
  return 0;
}
int pthread_cond_init(pthread_cond_t* __restrict c, const pthread_condattr_t* __restrict a) {
  memset(c, 0, sizeof *c);
  c->__u.__i[cond_clock] = a ? static_cast<int>(a->__attr) : realtime_clock;
  return 0;
}
int pthread_cond_destroy(pthread_cond_t*) { return 0; }
int pthread_cond_wait(pthread_cond_t* __restrict, pthread_mutex_t* __restrict m) {
  if (m->__u.__i[held] == 0) return EPERM;
  return EDEADLK;  // no other thread exists to signal
}
int pthread_cond_timedwait(pthread_cond_t* __restrict c, pthread_mutex_t* __restrict m,
                           const struct timespec* __restrict until) {
  if (m->__u.__i[held] == 0) return EPERM;
  if (until == nullptr || until->tv_nsec < 0 || until->tv_nsec >= 1000000000) return EINVAL;
  // Nobody can signal: the wait ends by timing out, at `until` on the clock
  // the condition variable was given (realtime unless the attribute said).
  struct timespec now;
  clock_gettime(c->__u.__i[cond_clock] == monotonic_clock ? CLOCK_MONOTONIC : CLOCK_REALTIME, &now);
  if (now.tv_sec < until->tv_sec || (now.tv_sec == until->tv_sec && now.tv_nsec < until->tv_nsec)) {
    struct timespec left = {until->tv_sec - now.tv_sec, until->tv_nsec - now.tv_nsec};
    if (left.tv_nsec < 0) {
      left.tv_nsec += 1000000000;
      --left.tv_sec;
    }
    nanosleep(&left, nullptr);
  }
  return ETIMEDOUT;
}
int pthread_cond_signal(pthread_cond_t*) { return 0; }
int pthread_cond_broadcast(pthread_cond_t*) { return 0; }

int pthread_rwlockattr_init(pthread_rwlockattr_t* a) {
  memset(a, 0, sizeof *a);
  return 0;
}
int pthread_rwlockattr_destroy(pthread_rwlockattr_t*) { return 0; }
int pthread_rwlock_init(pthread_rwlock_t* __restrict l, const pthread_rwlockattr_t* __restrict) {
  memset(l, 0, sizeof *l);
  return 0;
}
int pthread_rwlock_destroy(pthread_rwlock_t* l) {
  return l->__u.__i[held] || l->__u.__i[writer] ? EBUSY : 0;
}
int pthread_rwlock_tryrdlock(pthread_rwlock_t* l) {
  if (l->__u.__i[writer]) return EBUSY;
  ++l->__u.__i[held];
  return 0;
}
int pthread_rwlock_rdlock(pthread_rwlock_t* l) {
  if (l->__u.__i[writer]) return EDEADLK;
  ++l->__u.__i[held];
  return 0;
}
int pthread_rwlock_trywrlock(pthread_rwlock_t* l) {
  if (l->__u.__i[writer] || l->__u.__i[held]) return EBUSY;
  l->__u.__i[writer] = 1;
  return 0;
}
int pthread_rwlock_wrlock(pthread_rwlock_t* l) {
  if (l->__u.__i[writer] || l->__u.__i[held]) return EDEADLK;
  l->__u.__i[writer] = 1;
  return 0;
}
int pthread_rwlock_unlock(pthread_rwlock_t* l) {
  if (l->__u.__i[writer]) {
    l->__u.__i[writer] = 0;
    return 0;
  }
  if (l->__u.__i[held] == 0) return EPERM;
  --l->__u.__i[held];
  return 0;
}

int pthread_key_create(pthread_key_t* key, void (*destructor)(void*)) {
  for (unsigned i = 0; i < PTHREAD_KEYS_MAX; ++i) {
    if (keys[i].used) continue;
    keys[i] = key_slot{true, nullptr, destructor};
    *key = i;
    return 0;
  }
  return EAGAIN;
}
int pthread_key_delete(pthread_key_t key) {
  if (key >= PTHREAD_KEYS_MAX || !keys[key].used) return EINVAL;
  keys[key] = key_slot{};
  return 0;
}
void* pthread_getspecific(pthread_key_t key) {
  if (key >= PTHREAD_KEYS_MAX || !keys[key].used) return nullptr;
  return const_cast<void*>(keys[key].value);
}
int pthread_setspecific(pthread_key_t key, const void* value) {
  if (key >= PTHREAD_KEYS_MAX || !keys[key].used) return EINVAL;
  keys[key].value = value;
  return 0;
}

int pthread_once(pthread_once_t* once, void (*init)(void)) {
  if (*once == 0) {
    *once = 1;
    init();
  }
  return 0;
}

}  // extern "C"
