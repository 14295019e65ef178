// Signals inside one instance: dispositions (signal, sigaction), the mask
// (sigprocmask), sending (raise, kill, killpg, sigqueue, abort) and delivery.
//
// Preview1 delivers nothing to a running instance, so the only signals are
// those the program sends itself, and each is delivered synchronously, as
// Linux delivers a signal a single-threaded process sends itself before the
// sending call returns. A default action that terminates writes back dirty
// shared mappings and ends the instance with proc_raise, so the host reports
// it as killed by that signal (wasishim: 128 + N). docs/porting.md, "Signals".
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "mman_calls.h"
#include "signals.h"

namespace wasishim::shim {

namespace {

constexpr uint64_t unblockable = signal_bit(SIGKILL) | signal_bit(SIGSTOP);
// Signals a fault would raise on Linux; Linux delivers these first.
constexpr uint64_t synchronous = signal_bit(SIGILL) | signal_bit(SIGTRAP) | signal_bit(SIGBUS) |
                                 signal_bit(SIGFPE) | signal_bit(SIGSEGV) | signal_bit(SIGSYS);
constexpr uint64_t default_ignored = signal_bit(SIGCHLD) | signal_bit(SIGURG) |
                                     signal_bit(SIGWINCH) | signal_bit(SIGCONT);
// No job control could continue a stopped instance, so stopping is ignoring.
constexpr uint64_t default_stop =
    signal_bit(SIGSTOP) | signal_bit(SIGTSTP) | signal_bit(SIGTTIN) | signal_bit(SIGTTOU);

struct sigaction actions[max_signal + 1];
uint64_t blocked = 0;
uint64_t handler_count = 0;

// Pending signals in the order they were sent: a standard signal at most
// once, a real-time one (SIGRTMIN and above) as often as it was queued.
constexpr size_t queue_capacity = 64;
siginfo_t queue[queue_capacity];
size_t queued = 0;

bool is_realtime(int sig) { return sig >= SIGRTMIN; }

uint64_t pending_mask() {
  uint64_t m = 0;
  for (size_t i = 0; i < queued; ++i) m |= signal_bit(queue[i].si_signo);
  return m;
}

void drop_pending(int sig) {
  size_t kept = 0;
  for (size_t i = 0; i < queued; ++i)
    if (queue[i].si_signo != sig) queue[kept++] = queue[i];
  queued = kept;
}

// The queue entry to deliver next among `candidates`: synchronous signals
// first, then the lowest number, then the oldest; -1 when there is none.
long next_pending(uint64_t candidates) {
  const uint64_t present = pending_mask() & candidates;
  if (present == 0) return -1;
  const uint64_t pick_from = (present & synchronous) ? (present & synchronous) : present;
  const int sig = __builtin_ctzll(pick_from) + 1;
  for (size_t i = 0; i < queued; ++i)
    if (queue[i].si_signo == sig) return static_cast<long>(i);
  return -1;
}

siginfo_t remove_at(size_t i) {
  siginfo_t info = queue[i];
  memmove(&queue[i], &queue[i + 1], (queued - i - 1) * sizeof(siginfo_t));
  --queued;
  return info;
}

bool ignores(int sig) {
  const auto handler = actions[sig].sa_handler;
  if (handler == SIG_IGN) return true;
  return handler == SIG_DFL && (signal_bit(sig) & (default_ignored | default_stop));
}

void deliver_unblocked();

void run_action(const siginfo_t& info) {
  const int sig = info.si_signo;
  const struct sigaction act = actions[sig];
  if (act.sa_handler == SIG_IGN) return;
  if (act.sa_handler == SIG_DFL) {
    if (signal_bit(sig) & (default_ignored | default_stop)) return;
    terminate_by_signal(sig);
  }
  // As the kernel does around a handler: block sa_mask and, unless
  // SA_NODEFER, the signal itself; reset a one-shot disposition first.
  const uint64_t saved = blocked;
  blocked |= mask_of(&act.sa_mask);
  if (!(act.sa_flags & SA_NODEFER)) blocked |= signal_bit(sig);
  blocked &= ~unblockable;
  if (act.sa_flags & SA_RESETHAND) {
    actions[sig].sa_handler = SIG_DFL;
    actions[sig].sa_flags &= ~SA_SIGINFO;
  }
  ++handler_count;
  if (act.sa_flags & SA_SIGINFO) {
    siginfo_t copy = info;
    // There is no machine context to give: the third argument is null.
    act.sa_sigaction(sig, &copy, nullptr);
  } else {
    act.sa_handler(sig);
  }
  // The handler returned: the mask it interrupted comes back, and what that
  // unblocks is delivered, as on return from a Linux signal handler.
  blocked = saved;
  deliver_unblocked();
}

void deliver_unblocked() {
  for (long i; (i = next_pending(~blocked)) >= 0;) run_action(remove_at(static_cast<size_t>(i)));
}

// The WASI signal for a Linux-numbered one, or 0 when WASI has none.
sys::signal wasi_signal(int sig) {
  if (sig <= SIGTERM) return static_cast<sys::signal>(sig);
  switch (sig) {
    case SIGCHLD: return sys::signal::chld;
    case SIGCONT: return sys::signal::cont;
    case SIGSTOP: return sys::signal::stop;
    case SIGTSTP: return sys::signal::tstp;
    case SIGTTIN: return sys::signal::ttin;
    case SIGTTOU: return sys::signal::ttou;
    case SIGURG: return sys::signal::urg;
    case SIGXCPU: return sys::signal::xcpu;
    case SIGXFSZ: return sys::signal::xfsz;
    case SIGVTALRM: return sys::signal::vtalrm;
    case SIGPROF: return sys::signal::prof;
    case SIGWINCH: return sys::signal::winch;
    case SIGIO: return sys::signal::poll;
    case SIGPWR: return sys::signal::pwr;
    case SIGSYS: return sys::signal::sys;
    default: return sys::signal::none;
  }
}

result<void> set_action(int sig, const struct sigaction* act, struct sigaction* old) {
  if (!valid_signal(sig)) return failure(errc::inval);
  if (act != nullptr && (sig == SIGKILL || sig == SIGSTOP)) return failure(errc::inval);
  if (old != nullptr) *old = actions[sig];
  if (act != nullptr) {
    actions[sig] = *act;
    // Ignoring a pending signal discards it, blocked or not (POSIX).
    if (ignores(sig)) drop_pending(sig);
  }
  return {};
}

void (*set_handler(int sig, void (*handler)(int), int flags))(int) {
  struct sigaction act {}, old{};
  act.sa_handler = handler;
  act.sa_flags = flags;
  auto r = set_action(sig, &act, &old);
  if (!r) {
    fail(r.error());
    return SIG_ERR;
  }
  return old.sa_handler;
}

bool targets_self(pid_t pid) { return pid == getpid() || pid == 0 || pid == -1 || pid == -getpid(); }

}  // namespace

uint64_t mask_of(const sigset_t* set) {
  uint64_t m;
  static_assert(sizeof(sigset_t) == sizeof m);
  memcpy(&m, set, sizeof m);
  return m;
}

void set_of(uint64_t mask, sigset_t* set) { memcpy(set, &mask, sizeof mask); }

uint64_t blocked_signals() { return blocked; }

void set_blocked_signals(uint64_t mask) {
  blocked = mask & ~unblockable;
  deliver_unblocked();
}

uint64_t pending_signals() { return pending_mask(); }

uint64_t handlers_run() { return handler_count; }

result<void> send_signal(int sig, int code, union sigval value) {
  siginfo_t info{};
  info.si_signo = sig;
  info.si_code = code;
  info.si_pid = getpid();
  info.si_uid = getuid();
  info.si_value = value;
  if (blocked & signal_bit(sig)) {
    // Linux keeps a blocked signal pending even while it is ignored: its
    // disposition may change before it is unblocked.
    if (!is_realtime(sig) && (pending_mask() & signal_bit(sig))) return {};
    if (queued == queue_capacity) return failure(errc::again);
    queue[queued++] = info;
    return {};
  }
  run_action(info);
  return {};
}

bool take_pending(uint64_t set, siginfo_t* info) {
  long i = next_pending(set);
  if (i < 0) return false;
  *info = remove_at(static_cast<size_t>(i));
  return true;
}

void terminate_by_signal(int sig) {
  // A failed write-back makes the status 74 (mmap-emu reports it), never a
  // silent death by the signal.
  if (&__wasishim_mman_exit != nullptr) {
    const int status = __wasishim_mman_exit(128 + sig);
    if (status != 128 + sig) sys::proc_exit(static_cast<sys::exitcode_t>(status));
  }
  const sys::signal wasi = wasi_signal(sig);
  if (wasi != sys::signal::none) (void)sys::proc_raise(wasi);
  // A host that lets the guest live on after proc_raise (Node's ignores
  // some signals itself), or a signal WASI has no number for: the shell's
  // status for a death by this signal.
  sys::proc_exit(static_cast<sys::exitcode_t>(128 + sig));
}

}  // namespace wasishim::shim

using namespace wasishim::shim;
using namespace wasishim;

extern "C" {

void __SIG_IGN(int) {}
void __SIG_ERR(int) {}

int sigaction(int sig, const struct sigaction* __restrict act, struct sigaction* __restrict old) {
  return to_c(set_action(sig, act, old));
}

// BSD semantics, as glibc's signal: the handler stays, the signal is blocked
// while it runs, interrupted calls restart.
void (*signal(int sig, void (*handler)(int)))(int) { return set_handler(sig, handler, SA_RESTART); }
void (*bsd_signal(int sig, void (*handler)(int)))(int) __attribute__((alias("signal")));
// System V semantics: one shot, not blocked while it runs.
void (*sysv_signal(int sig, void (*handler)(int)))(int) {
  return set_handler(sig, handler, SA_RESETHAND | SA_NODEFER);
}
void (*__sysv_signal(int sig, void (*handler)(int)))(int) __attribute__((alias("sysv_signal")));

int raise(int sig) {
  if (sig == 0) return 0;  // only checks that the process exists, as kill does
  if (!valid_signal(sig)) return fail(errc::inval);
  return to_c(send_signal(sig, SI_TKILL));
}

int kill(pid_t pid, int sig) {
  if (sig < 0 || sig > max_signal) return fail(errc::inval);
  if (!targets_self(pid)) return fail(errc::srch);
  if (sig == 0) return 0;
  return to_c(send_signal(sig, SI_USER));
}

int killpg(pid_t group, int sig) {
  if (group < 0) return fail(errc::inval);
  if (group != 0 && group != getpid()) return fail(errc::srch);
  return kill(getpid(), sig);
}

int sigqueue(pid_t pid, int sig, union sigval value) {
  if (sig < 0 || sig > max_signal) return fail(errc::inval);
  if (pid != getpid()) return fail(errc::srch);
  if (sig == 0) return 0;
  return to_c(send_signal(sig, SI_QUEUE, value));
}

int pthread_kill(pthread_t thread, int sig) {
  if (sig < 0 || sig > max_signal) return EINVAL;
  if (thread != pthread_self()) return ESRCH;
  if (sig == 0) return 0;
  auto r = send_signal(sig, SI_TKILL);
  return r ? 0 : posix_errno(r.error());
}

int sigprocmask(int how, const sigset_t* __restrict set, sigset_t* __restrict old) {
  const uint64_t current = blocked;
  if (set != nullptr) {
    const uint64_t m = mask_of(set);
    uint64_t next;
    switch (how) {
      case SIG_BLOCK: next = current | m; break;
      case SIG_UNBLOCK: next = current & ~m; break;
      case SIG_SETMASK: next = m; break;
      default: return fail(errc::inval);
    }
    if (old != nullptr) set_of(current, old);
    set_blocked_signals(next);
    return 0;
  }
  if (old != nullptr) set_of(current, old);
  return 0;
}

int pthread_sigmask(int how, const sigset_t* __restrict set, sigset_t* __restrict old) {
  return sigprocmask(how, set, old) == 0 ? 0 : errno;
}

int sigpending(sigset_t* set) {
  set_of(pending_mask(), set);
  return 0;
}

int siginterrupt(int sig, int flag) {
  if (!valid_signal(sig) || sig == SIGKILL || sig == SIGSTOP) return fail(errc::inval);
  if (flag)
    actions[sig].sa_flags &= ~SA_RESTART;
  else
    actions[sig].sa_flags |= SA_RESTART;
  return 0;
}

// The obsolete System V calls, on the ones above.
int sighold(int sig) {
  if (!valid_signal(sig)) return fail(errc::inval);
  set_blocked_signals(blocked | signal_bit(sig));
  return 0;
}
int sigrelse(int sig) {
  if (!valid_signal(sig)) return fail(errc::inval);
  set_blocked_signals(blocked & ~signal_bit(sig));
  return 0;
}
int sigignore(int sig) { return signal(sig, SIG_IGN) == SIG_ERR ? -1 : 0; }
void (*sigset(int sig, void (*disposition)(int)))(int) {
  if (!valid_signal(sig)) {
    fail(errc::inval);
    return SIG_ERR;
  }
  const bool was_held = blocked & signal_bit(sig);
  void (*previous)(int) = actions[sig].sa_handler;
  if (disposition == SIG_HOLD) {
    set_blocked_signals(blocked | signal_bit(sig));
  } else {
    if (set_handler(sig, disposition, 0) == SIG_ERR) return SIG_ERR;
    set_blocked_signals(blocked & ~signal_bit(sig));
  }
  return was_held ? SIG_HOLD : previous;
}

// The alternate stack is recorded and reported; handlers run on the
// program's own stack, which is the only one a wasm function can use.
int sigaltstack(const stack_t* __restrict ss, stack_t* __restrict old) {
  static stack_t current = {nullptr, SS_DISABLE, 0};
  if (ss != nullptr) {
    if (ss->ss_flags != 0 && ss->ss_flags != SS_DISABLE) return fail(errc::inval);
    if (ss->ss_flags == 0 && ss->ss_size < MINSIGSTKSZ) return fail(errc::nomem);
  }
  if (old != nullptr) *old = current;
  if (ss != nullptr) current = *ss;
  return 0;
}

// abort: SIGABRT's handler runs even if the signal was blocked; if it
// returns, or SIGABRT was ignored, the instance ends as killed by SIGABRT.
_Noreturn void abort(void) {
  blocked &= ~signal_bit(SIGABRT);
  if (actions[SIGABRT].sa_handler != SIG_DFL && actions[SIGABRT].sa_handler != SIG_IGN)
    (void)send_signal(SIGABRT, SI_TKILL);
  actions[SIGABRT].sa_handler = SIG_DFL;
  terminate_by_signal(SIGABRT);
}

// For sigsetjmp/siglongjmp (setjmp.cpp).
unsigned long long __wasishim_sigmask_bits(void) { return blocked; }
void __wasishim_restore_sigmask(unsigned long long mask) { set_blocked_signals(mask); }

}  // extern "C"
