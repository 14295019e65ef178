// The shim's signal state, shared by signal/signal.cpp (dispositions, masks,
// delivery), signal/sigwait.cpp (sigsuspend, pause, sigwait) and
// sys_time/itimer.cpp (alarm, setitimer).
// Every signal an instance can receive is one it sends itself, so delivery is
// synchronous: sending a signal that is not blocked runs its action before
// the sending call returns, and unblocking a pending one runs it before the
// unblocking call returns.
#pragma once

#include <signal.h>
#include <stdint.h>

#include "shim.h"

namespace wasishim::shim {

inline constexpr int max_signal = 64;

inline constexpr uint64_t signal_bit(int sig) { return uint64_t{1} << (sig - 1); }
inline constexpr bool valid_signal(int sig) { return sig >= 1 && sig <= max_signal; }

uint64_t mask_of(const sigset_t* set);
void set_of(uint64_t mask, sigset_t* set);

// The current mask, and a new one: pending signals it unblocks are
// delivered before this returns.
uint64_t blocked_signals();
void set_blocked_signals(uint64_t mask);
uint64_t pending_signals();

// Sends `sig` to the instance with `code` as si_code: runs its action now,
// or leaves it pending while it is blocked. Fails with `again` when a queued
// (real-time) signal finds the queue full.
result<void> send_signal(int sig, int code, union sigval value = {});

// Takes the lowest pending signal of `set` without running its action.
bool take_pending(uint64_t set, siginfo_t* info);

// How many handlers have run so far: a wait ends when this grows.
uint64_t handlers_run();

// Ends the instance as killed by `sig`, after writing back dirty mappings.
[[noreturn]] void terminate_by_signal(int sig);

}  // namespace wasishim::shim

// sys_time/itimer.cpp's, weak where used so a program without alarm links none of it:
// the monotonic time (ns) at which SIGALRM is due, 0 when no timer runs, and
// the call that sends it once that time has come, which returns 1 when a
// handler ran (a sleep it interrupted ends with EINTR).
extern "C" {
__attribute__((weak)) uint64_t __wasishim_alarm_deadline(void);
__attribute__((weak)) int __wasishim_alarm_expire(void);
}
