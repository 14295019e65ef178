// Waiting for a signal: sigsuspend, pause, sigpause, sigwait, sigwaitinfo,
// sigtimedwait. Nothing outside the instance can send it one, so only a timer
// the program set (sys_time/itimer.cpp) can end a wait: the wait sleeps until the timer
// is due. A wait nothing could end fails with EDEADLK instead of hanging, as
// the shim's blocking locks do (docs/porting.md).
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include "signals.h"

namespace wasishim::shim {
namespace {

constexpr uint64_t ns_per_s = 1000000000u;

uint64_t monotonic_now() {
  auto t = sys::clock_time_get(sys::clockid::monotonic, 1);
  return t ? *t : 0;
}

void sleep_until(uint64_t when) {
  struct timespec ts;
  ts.tv_sec = static_cast<time_t>(when / ns_per_s);
  ts.tv_nsec = static_cast<long>(when % ns_per_s);
  // The shim's clock_nanosleep sends SIGALRM when it reaches the timer.
  (void)clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr);
}

// Sleeps until the timer is due, or `limit` (monotonic ns, 0: none) comes
// first, and sends SIGALRM if it is due. False when neither can end a wait.
bool wait_for_timer(uint64_t limit = 0) {
  const uint64_t due = &__wasishim_alarm_deadline != nullptr ? __wasishim_alarm_deadline() : 0;
  if (due == 0 && limit == 0) return false;
  const uint64_t until = due == 0 ? limit : limit == 0 ? due : (due < limit ? due : limit);
  if (monotonic_now() < until) sleep_until(until);
  if (due != 0) __wasishim_alarm_expire();
  return true;
}

result<void> suspend_with(uint64_t mask) {
  const uint64_t saved = blocked_signals();
  const uint64_t before = handlers_run();
  set_blocked_signals(mask);  // delivers what the new mask unblocks
  bool can_wait = true;
  while (handlers_run() == before && (can_wait = wait_for_timer())) {
  }
  set_blocked_signals(saved);
  return failure(can_wait ? errc::intr : errc::deadlk);
}

// The pending signal of `set` to hand to sigwait and its kin, waiting for
// the timer while there is none; `timeout` bounds the wait when given.
result<siginfo_t> wait_in(const sigset_t* set, const struct timespec* timeout) {
  const uint64_t wanted = mask_of(set);
  uint64_t limit = 0;
  if (timeout != nullptr) {
    if (timeout->tv_sec < 0 || timeout->tv_nsec < 0 || timeout->tv_nsec >= static_cast<long>(ns_per_s))
      return failure(errc::inval);
    limit = monotonic_now() + static_cast<uint64_t>(timeout->tv_sec) * ns_per_s +
            static_cast<uint64_t>(timeout->tv_nsec);
  }
  for (;;) {
    siginfo_t info;
    if (take_pending(wanted, &info)) return info;
    if (limit != 0 && monotonic_now() >= limit) return failure(errc::again);
    if (!wait_for_timer(limit)) return failure(timeout != nullptr ? errc::again : errc::deadlk);
  }
}

}  // namespace
}  // namespace wasishim::shim

using namespace wasishim::shim;
using namespace wasishim;

extern "C" {

int sigsuspend(const sigset_t* mask) { return to_c(suspend_with(mask_of(mask))); }

int pause(void) { return to_c(suspend_with(blocked_signals())); }

int sigpause(int sig) {
  if (!valid_signal(sig)) return fail(errc::inval);
  return to_c(suspend_with(blocked_signals() & ~signal_bit(sig)));
}

int sigwait(const sigset_t* __restrict set, int* __restrict sig) {
  auto r = wait_in(set, nullptr);
  if (!r) return posix_errno(r.error());
  *sig = r->si_signo;
  return 0;
}

int sigwaitinfo(const sigset_t* __restrict set, siginfo_t* __restrict info) {
  auto r = wait_in(set, nullptr);
  if (!r) return fail(r.error());
  if (info != nullptr) *info = *r;
  return r->si_signo;
}

int sigtimedwait(const sigset_t* __restrict set, siginfo_t* __restrict info,
                 const struct timespec* __restrict timeout) {
  auto r = wait_in(set, timeout);
  if (!r) return fail(r.error());
  if (info != nullptr) *info = *r;
  return r->si_signo;
}

}  // extern "C"
