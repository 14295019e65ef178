// Clocks and sleeping on the typed bindings: clock_gettime, clock_getres,
// clock_nanosleep (sleep and usleep in wasi-libc call it), nanosleep. A sleep wakes when a timer the program set
// (alarm, setitimer) comes due, and ends with EINTR if SIGALRM's handler ran.
#include <time.h>
#include <unistd.h>

#include "shim.h"
#include "signals.h"

// wasi-libc's clockid_t points at one of these (CLOCK_REALTIME is
// &_CLOCK_REALTIME); its only member is the WASI clock id.
struct __clockid {
  uint32_t id;
};

namespace wasishim::shim {

namespace {

constexpr sys::timestamp_t ns_per_s = 1000000000u;

struct timespec to_timespec(sys::timestamp_t ns) {
  struct timespec ts;
  ts.tv_sec = static_cast<time_t>(ns / ns_per_s);
  ts.tv_nsec = static_cast<long>(ns % ns_per_s);
  return ts;
}

result<sys::clockid> clock_of(clockid_t clock) {
  if (clock == nullptr) return failure(errc::inval);
  return static_cast<sys::clockid>(clock->id);
}

// Sleeps as clock_nanosleep does; when SIGALRM's handler interrupts the
// sleep, fails with intr and sets `*left` to the time that remained.
result<void> sleep_on(clockid_t clock, int flags, const struct timespec* request,
                      sys::timestamp_t* left) {
  auto id = clock_of(clock);
  if (!id) return failure(id.error());
  // Sleeping on a CPU-time clock would never end in a single-threaded,
  // blocked instance; Linux refuses it too.
  if (*id != sys::clockid::realtime && *id != sys::clockid::monotonic)
    return failure(errc::notsup);
  if (request == nullptr) return failure(errc::fault);
  if (request->tv_nsec < 0 || request->tv_nsec >= static_cast<long>(ns_per_s) ||
      request->tv_sec < 0)
    return failure(errc::inval);
  const sys::timestamp_t max_s = UINT64_MAX / ns_per_s - 1;
  const sys::timestamp_t secs = static_cast<sys::timestamp_t>(request->tv_sec);
  const sys::timestamp_t length =
      (secs > max_s ? max_s : secs) * ns_per_s + static_cast<sys::timestamp_t>(request->tv_nsec);
  // Sleep in relative steps until the clock reaches the deadline: hosts
  // disagree on the epoch of absolute monotonic timeouts (Node's never end),
  // and some wake a little early, where POSIX promises at least the time asked.
  const sys::clockid watch = (flags & TIMER_ABSTIME) ? *id : sys::clockid::monotonic;
  auto start = sys::clock_time_get(watch, 1);
  if (!start) return failure(start.error());
  const sys::timestamp_t deadline = (flags & TIMER_ABSTIME) ? length
                                    : length > UINT64_MAX - *start ? UINT64_MAX
                                                                   : *start + length;
  const bool timers = &__wasishim_alarm_deadline != nullptr;
  for (sys::timestamp_t now = *start; now < deadline;) {
    sys::timestamp_t step = deadline - now;
    if (timers && __wasishim_alarm_deadline() != 0) {
      auto mono = watch == sys::clockid::monotonic ? result<sys::timestamp_t>(now)
                                                   : sys::clock_time_get(sys::clockid::monotonic, 1);
      if (!mono) return failure(mono.error());
      const sys::timestamp_t due = __wasishim_alarm_deadline();
      if (*mono >= due) {
        if (__wasishim_alarm_expire()) {
          *left = deadline - now;
          return failure(errc::intr);
        }
        continue;  // ignored or blocked: sleep on
      }
      if (due - *mono < step) step = due - *mono;
    }
    sys::subscription sub{};
    sub.type = sys::eventtype::clock;
    sub.u.clock.id = sys::clockid::monotonic;
    sub.u.clock.timeout = step;
    sub.u.clock.precision = 0;
    sub.u.clock.flags = sys::subclockflags{};
    sys::event ev{};
    auto n = sys::poll_oneoff(&sub, &ev, 1);
    if (!n) return failure(n.error());
    if (*n == 1 && ev.error != errc::success) return failure(ev.error);
    auto later = sys::clock_time_get(watch, 1);
    if (!later) return failure(later.error());
    now = *later;
  }
  return {};
}

}  // namespace
}  // namespace wasishim::shim

using namespace wasishim::shim;
using namespace wasishim;

extern "C" {

int __clock_gettime(clockid_t clock, struct timespec* ts) {
  auto id = clock_of(clock);
  if (!id) return fail(id.error());
  auto now = sys::clock_time_get(*id, 1);
  if (!now) return fail(now.error());
  *ts = to_timespec(*now);
  return 0;
}
int clock_gettime(clockid_t clock, struct timespec* ts) __attribute__((weak, alias("__clock_gettime")));

int clock_getres(clockid_t clock, struct timespec* res) {
  auto id = clock_of(clock);
  if (!id) return fail(id.error());
  auto r = sys::clock_res_get(*id);
  if (!r) return fail(r.error());
  if (res != nullptr) *res = to_timespec(*r);
  return 0;
}

// Returns the error number, as POSIX specifies for clock_nanosleep. Only a
// timer's signal handler can interrupt a sleep; `remaining` then gets the
// time left (for a relative sleep).
int clock_nanosleep(clockid_t clock, int flags, const struct timespec* request,
                    struct timespec* remaining) {
  sys::timestamp_t left = 0;
  auto r = sleep_on(clock, flags, request, &left);
  if (!r && r.error() == errc::intr && remaining != nullptr && !(flags & TIMER_ABSTIME))
    *remaining = to_timespec(left);
  return r ? 0 : posix_errno(r.error());
}

int nanosleep(const struct timespec* request, struct timespec* remaining) {
  sys::timestamp_t left = 0;
  auto r = sleep_on(CLOCK_MONOTONIC, 0, request, &left);
  if (!r && r.error() == errc::intr && remaining != nullptr) *remaining = to_timespec(left);
  return to_c(r);
}

}  // extern "C"
