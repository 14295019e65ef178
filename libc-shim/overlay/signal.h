/* wasishim: <signal.h>, whole (wasi-libc's refuses to compile without
 * emulation macros and declares almost nothing).
 *
 * A preview1 instance receives no signals from outside, so every signal is
 * one the program raises itself (raise, kill or sigqueue on its own process,
 * abort, an alarm that expires while it sleeps), delivered synchronously
 * inside the call that raised or unblocked it, with POSIX semantics for
 * handlers, masks, SA_RESETHAND, SA_NODEFER and SA_SIGINFO. A default action
 * that terminates writes back dirty shared mappings, then ends the instance
 * as killed by that signal. See docs/porting.md. Numbers and flag values are
 * Linux's. */
#ifndef WASISHIM_OVERLAY_SIGNAL_H
#define WASISHIM_OVERLAY_SIGNAL_H

#define __NEED_size_t
#define __NEED_pid_t
#define __NEED_uid_t
#define __NEED_clock_t
#define __NEED_struct_timespec
#define __NEED_sigset_t
#define __NEED_pthread_t
#include <bits/alltypes.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGIOT SIGABRT
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGSTKFLT 16
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGXCPU 24
#define SIGXFSZ 25
#define SIGVTALRM 26
#define SIGPROF 27
#define SIGWINCH 28
#define SIGIO 29
#define SIGPOLL SIGIO
#define SIGPWR 30
#define SIGSYS 31
#define SIGUNUSED SIGSYS
#define SIGRTMIN 34
#define SIGRTMAX 64
#define _NSIG 65
#define NSIG _NSIG

typedef int sig_atomic_t;
typedef void (*sighandler_t)(int);
typedef void (*sig_t)(int);

/* 1 could be a function's table index, so SIG_IGN and SIG_ERR are functions
 * of their own, as in wasi-libc. */
void __SIG_IGN(int);
void __SIG_ERR(int);
#define SIG_DFL ((void (*)(int))0)
#define SIG_IGN (__SIG_IGN)
#define SIG_ERR (__SIG_ERR)
#define SIG_HOLD ((void (*)(int))2)

#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

#define SA_NOCLDSTOP 1
#define SA_NOCLDWAIT 2
#define SA_SIGINFO 4
#define SA_ONSTACK 0x08000000
#define SA_RESTART 0x10000000
#define SA_NODEFER 0x40000000
#define SA_RESETHAND 0x80000000
#define SA_NOMASK SA_NODEFER
#define SA_ONESHOT SA_RESETHAND

#define SI_ASYNCNL (-60)
#define SI_TKILL (-6)
#define SI_SIGIO (-5)
#define SI_ASYNCIO (-4)
#define SI_MESGQ (-3)
#define SI_TIMER (-2)
#define SI_QUEUE (-1)
#define SI_USER 0
#define SI_KERNEL 128

#define ILL_ILLOPC 1
#define ILL_ILLOPN 2
#define ILL_ILLADR 3
#define ILL_ILLTRP 4
#define ILL_PRVOPC 5
#define ILL_PRVREG 6
#define ILL_COPROC 7
#define ILL_BADSTK 8
#define FPE_INTDIV 1
#define FPE_INTOVF 2
#define FPE_FLTDIV 3
#define FPE_FLTOVF 4
#define FPE_FLTUND 5
#define FPE_FLTRES 6
#define FPE_FLTINV 7
#define FPE_FLTSUB 8
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRALN 1
#define BUS_ADRERR 2
#define BUS_OBJERR 3
#define TRAP_BRKPT 1
#define TRAP_TRACE 2
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define CLD_TRAPPED 4
#define CLD_STOPPED 5
#define CLD_CONTINUED 6
#define POLL_IN 1
#define POLL_OUT 2
#define POLL_MSG 3
#define POLL_ERR 4
#define POLL_PRI 5
#define POLL_HUP 6

#define SS_ONSTACK 1
#define SS_DISABLE 2
#define MINSIGSTKSZ 2048
#define SIGSTKSZ 8192

#define SIGEV_SIGNAL 0
#define SIGEV_NONE 1
#define SIGEV_THREAD 2

union sigval {
  int sival_int;
  void* sival_ptr;
};

typedef struct {
  int si_signo;
  int si_errno;
  int si_code;
  pid_t si_pid;
  uid_t si_uid;
  int si_status;
  void* si_addr;
  long si_band;
  union sigval si_value;
  int si_fd;
  int si_timerid;
  int si_overrun;
  clock_t si_utime;
  clock_t si_stime;
} siginfo_t;
#define si_int si_value.sival_int
#define si_ptr si_value.sival_ptr

struct sigaction {
  union {
    void (*sa_handler)(int);
    void (*sa_sigaction)(int, siginfo_t*, void*);
  } __sa_handler;
  sigset_t sa_mask;
  int sa_flags;
  void (*sa_restorer)(void);
};
#define sa_handler __sa_handler.sa_handler
#define sa_sigaction __sa_handler.sa_sigaction

typedef struct sigaltstack {
  void* ss_sp;
  int ss_flags;
  size_t ss_size;
} stack_t;

struct sigevent {
  union sigval sigev_value;
  int sigev_signo;
  int sigev_notify;
  void (*sigev_notify_function)(union sigval);
  void* sigev_notify_attributes;
};

void (*signal(int, void (*)(int)))(int);
void (*bsd_signal(int, void (*)(int)))(int);
void (*sysv_signal(int, void (*)(int)))(int);
void (*sigset(int, void (*)(int)))(int);
int raise(int);
int kill(pid_t, int);
int killpg(pid_t, int);
int sigqueue(pid_t, int, union sigval);

int sigaction(int, const struct sigaction* __restrict, struct sigaction* __restrict);
int sigprocmask(int, const sigset_t* __restrict, sigset_t* __restrict);
int sigpending(sigset_t*);
int sigsuspend(const sigset_t*);
int sigwait(const sigset_t* __restrict, int* __restrict);
int sigwaitinfo(const sigset_t* __restrict, siginfo_t* __restrict);
int sigtimedwait(const sigset_t* __restrict, siginfo_t* __restrict,
                 const struct timespec* __restrict);
int sigaltstack(const stack_t* __restrict, stack_t* __restrict);
int siginterrupt(int, int);
int sighold(int);
int sigrelse(int);
int sigignore(int);
int sigpause(int);

int sigemptyset(sigset_t*);
int sigfillset(sigset_t*);
int sigaddset(sigset_t*, int);
int sigdelset(sigset_t*, int);
int sigismember(const sigset_t*, int);
int sigisemptyset(const sigset_t*);
int sigorset(sigset_t*, const sigset_t*, const sigset_t*);
int sigandset(sigset_t*, const sigset_t*, const sigset_t*);

void psignal(int, const char*);
void psiginfo(const siginfo_t*, const char*);

/* One thread: the process mask is the thread's. */
int pthread_sigmask(int, const sigset_t* __restrict, sigset_t* __restrict);
int pthread_kill(pthread_t, int);

#ifdef __cplusplus
}
#endif
#endif
