// alarm, ualarm and the real-time interval timer (setitimer/getitimer with
// ITIMER_REAL): a deadline on the monotonic clock. Nothing can interrupt a
// running instance, so SIGALRM is sent when the program waits past the
// deadline (sleep, usleep, nanosleep, clock_nanosleep, pause, sigsuspend,
// sigwait and its kin wake at it) or calls one of these functions after it;
// a computation that never waits never sees it. The CPU-time timers
// (ITIMER_VIRTUAL, ITIMER_PROF) fail with ENOTSUP. docs/porting.md.
#include <signal.h>
#include <sys/time.h>
#include <unistd.h>

#include "signals.h"

namespace wasishim::shim {
namespace {

constexpr uint64_t ns_per_s = 1000000000u;
constexpr uint64_t ns_per_us = 1000u;

uint64_t deadline = 0;  // monotonic ns; 0: no timer runs
uint64_t interval = 0;  // ns; 0: one shot

uint64_t now() {
  auto t = sys::clock_time_get(sys::clockid::monotonic, 1);
  return t ? *t : 0;
}

uint64_t to_ns(const struct timeval& tv) {
  return static_cast<uint64_t>(tv.tv_sec) * ns_per_s + static_cast<uint64_t>(tv.tv_usec) * ns_per_us;
}

struct timeval to_timeval(uint64_t ns) {
  struct timeval tv;
  tv.tv_sec = static_cast<time_t>(ns / ns_per_s);
  tv.tv_usec = static_cast<suseconds_t>((ns % ns_per_s) / ns_per_us);
  // A timer that has not fired never reads as zero (which means disarmed).
  if (ns != 0 && tv.tv_sec == 0 && tv.tv_usec == 0) tv.tv_usec = 1;
  return tv;
}

bool valid(const struct timeval& tv) { return tv.tv_sec >= 0 && tv.tv_usec >= 0 && tv.tv_usec < 1000000; }

// The time left before the timer fires, after sending SIGALRM if it is due.
uint64_t remaining() {
  __wasishim_alarm_expire();
  if (deadline == 0) return 0;
  const uint64_t t = now();
  return deadline > t ? deadline - t : 0;
}

void arm(uint64_t value, uint64_t every) {
  deadline = value ? now() + value : 0;
  interval = value ? every : 0;
}

}  // namespace
}  // namespace wasishim::shim

using namespace wasishim::shim;

extern "C" {

uint64_t __wasishim_alarm_deadline(void) { return deadline; }

int __wasishim_alarm_expire(void) {
  if (deadline == 0) return 0;
  const uint64_t t = now();
  if (t < deadline) return 0;
  // A repeating timer that expired several times while the program did not
  // wait sends one signal, as a standard signal that is already pending.
  deadline = interval ? deadline + interval * ((t - deadline) / interval + 1) : 0;
  const uint64_t before = handlers_run();
  (void)send_signal(SIGALRM, SI_KERNEL);
  return handlers_run() != before;
}

int getitimer(int which, struct itimerval* value) {
  if (which == ITIMER_VIRTUAL || which == ITIMER_PROF) return fail(errc::notsup);
  if (which != ITIMER_REAL) return fail(errc::inval);
  const uint64_t left = remaining();
  value->it_value = to_timeval(left);
  value->it_interval = to_timeval(deadline ? interval : 0);
  return 0;
}

int setitimer(int which, const struct itimerval* __restrict value, struct itimerval* __restrict old) {
  if (which == ITIMER_VIRTUAL || which == ITIMER_PROF) return fail(errc::notsup);
  if (which != ITIMER_REAL || value == nullptr) return fail(errc::inval);
  if (!valid(value->it_value) || !valid(value->it_interval)) return fail(errc::inval);
  if (old != nullptr && getitimer(ITIMER_REAL, old) != 0) return -1;
  arm(to_ns(value->it_value), to_ns(value->it_interval));
  return 0;
}

unsigned alarm(unsigned seconds) {
  const uint64_t left = remaining();
  arm(static_cast<uint64_t>(seconds) * ns_per_s, 0);
  // Whole seconds, rounded to the nearest, but never 0 for a running timer
  // (glibc's rule).
  unsigned s = static_cast<unsigned>(left / ns_per_s + ((left % ns_per_s) >= ns_per_s / 2));
  return left != 0 && s == 0 ? 1 : s;
}

unsigned ualarm(unsigned usecs, unsigned every) {
  const uint64_t left = remaining();
  arm(static_cast<uint64_t>(usecs) * ns_per_us, static_cast<uint64_t>(every) * ns_per_us);
  return static_cast<unsigned>(left / ns_per_us);
}

}  // extern "C"
