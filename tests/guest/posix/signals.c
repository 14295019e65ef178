/* Signals a program sends itself, delivered synchronously: handlers from
 * signal and sigaction, SA_RESETHAND, SA_NODEFER, SA_SIGINFO with its
 * siginfo_t, sa_mask, sigprocmask with pending signals delivered on unblock
 * (lowest number first), a signal raised inside its own handler, sigpending,
 * sigsuspend, kill/killpg/sigqueue on the own process, ignored and
 * default-ignored signals, sigsetjmp/siglongjmp out of a handler restoring
 * the mask, abort's handler leaving by longjmp, and the interval timer
 * interrupting pause and nanosleep. Linux is the oracle.
 * wasishim-test: native */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "guest_test.h"

static volatile sig_atomic_t hits[65];
static char trail[256];

static void note(int sig) {
  hits[sig]++;
  size_t n = strlen(trail);
  if (n + 4 < sizeof trail) snprintf(trail + n, sizeof trail - n, "%d ", sig);
}

static void handler(int sig) { note(sig); }

static void show_trail(const char* label) {
  printf("%s: [%s]\n", label, trail);
  trail[0] = '\0';
}

/* Raises the signal again from inside its handler. */
static void reraise(int sig) {
  note(sig);
  if (hits[sig] < 3) raise(sig);
  note(100 + sig);
}

static int info_signo, info_code, info_value, info_pid_is_self, info_blocked_self;
static void with_info(int sig, siginfo_t* info, void* context) {
  (void)context;
  sigset_t now;
  sigprocmask(SIG_BLOCK, NULL, &now);
  info_signo = info->si_signo;
  info_code = info->si_code;
  info_value = info->si_value.sival_int;
  info_pid_is_self = info->si_pid == getpid();
  info_blocked_self = sigismember(&now, sig);
  note(sig);
}

static int mask_had(int sig) {
  sigset_t now;
  sigprocmask(SIG_BLOCK, NULL, &now);
  return sigismember(&now, sig);
}

static int blocked_during_usr1 = -1;
static void check_mask(int sig) {
  note(sig);
  blocked_during_usr1 = mask_had(SIGUSR2) * 10 + mask_had(SIGUSR1);
}

static sigjmp_buf escape;
static void jump_out(int sig) {
  note(sig);
  siglongjmp(escape, sig);
}

static jmp_buf abort_escape;
static void abort_handler(int sig) {
  note(sig);
  longjmp(abort_escape, 1);
}

static void install(int sig, void (*fn)(int), int flags) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = fn;
  sa.sa_flags = flags;
  sigemptyset(&sa.sa_mask);
  REQUIRE(sigaction(sig, &sa, NULL) == 0);
}

int main(void) {
  /* Sets and their errors. */
  sigset_t set;
  sigemptyset(&set);
  SHOW("sigaddset 0", sigaddset(&set, 0));
  SHOW("sigaddset 65", sigaddset(&set, 65));
  SHOW("sigismember 65", sigismember(&set, 65));
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  printf("members: INT %d TERM %d HUP %d\n", sigismember(&set, SIGINT), sigismember(&set, SIGTERM),
         sigismember(&set, SIGHUP));
  sigdelset(&set, SIGINT);
  printf("after delete: INT %d\n", sigismember(&set, SIGINT));
  sigfillset(&set);
  printf("filled: USR2 %d\n", sigismember(&set, SIGUSR2));

  /* Dispositions. */
  SHOW("sigaction SIGKILL", sigaction(SIGKILL, &(struct sigaction){.sa_handler = handler}, NULL));
  SHOW("sigaction SIGSTOP", sigaction(SIGSTOP, &(struct sigaction){.sa_handler = handler}, NULL));
  SHOW("sigaction 0", sigaction(0, NULL, NULL));
  SHOW("sigaction query SIGKILL", sigaction(SIGKILL, NULL, NULL));
  errno = 0;
  int is_err = signal(99, handler) == SIG_ERR;
  printf("signal(99) is SIG_ERR: %d %s\n", is_err, errname(errno));
  printf("first signal() returns SIG_DFL: %d\n", signal(SIGUSR1, handler) == SIG_DFL);
  printf("second signal() returns the handler: %d\n", signal(SIGUSR1, handler) == handler);
  struct sigaction old;
  sigaction(SIGUSR1, NULL, &old);
  printf("sigaction reports the handler: %d\n", old.sa_handler == handler);

  /* raise and kill run the handler before they return. */
  SHOW("raise USR1", raise(SIGUSR1));
  SHOW("kill self USR1", kill(getpid(), SIGUSR1));
  SHOW("kill self 0", kill(getpid(), 0));
  SHOW("raise 0", raise(0));
  SHOW("raise 65", raise(65));
  SHOW("kill bad signal", kill(getpid(), 65));
  show_trail("delivered");

  /* SA_RESETHAND: one shot; the second raise would terminate, so check the
   * disposition instead. */
  install(SIGUSR2, handler, SA_RESETHAND);
  raise(SIGUSR2);
  sigaction(SIGUSR2, NULL, &old);
  printf("after SA_RESETHAND: SIG_DFL %d\n", old.sa_handler == SIG_DFL);
  show_trail("resethand");

  /* Raised inside its own handler: blocked, so pending until the handler
   * returns, then delivered; with SA_NODEFER it nests at once. */
  memset((void*)hits, 0, sizeof hits);
  install(SIGUSR1, reraise, 0);
  raise(SIGUSR1);
  show_trail("reraise deferred");
  memset((void*)hits, 0, sizeof hits);
  install(SIGUSR1, reraise, SA_NODEFER);
  raise(SIGUSR1);
  show_trail("reraise nodefer");

  /* sa_mask is blocked while the handler runs, with the signal itself. */
  {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = check_mask;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    printf("inside the handler USR2*10+USR1 blocked: %d; after: %d %d\n", blocked_during_usr1,
           mask_had(SIGUSR2), mask_had(SIGUSR1));
    show_trail("sa_mask");
  }

  /* SA_SIGINFO. */
  {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = with_info;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR2, &sa, NULL);
    kill(getpid(), SIGUSR2);
    printf("siginfo kill: signo %d code %d pid is self %d own signal blocked %d\n", info_signo,
           info_code, info_pid_is_self, info_blocked_self);
    raise(SIGUSR2);
    printf("siginfo raise: code %d\n", info_code);
    union sigval v;
    v.sival_int = 4242;
    SHOW("sigqueue", sigqueue(getpid(), SIGUSR2, v));
    printf("siginfo sigqueue: code %d value %d\n", info_code, info_value);
    show_trail("siginfo");
  }

  /* Blocked signals stay pending; unblocking delivers them, lowest first,
   * a standard signal once however often it was sent. */
  install(SIGUSR1, handler, 0);
  install(SIGUSR2, handler, 0);
  install(SIGHUP, handler, 0);
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  sigaddset(&set, SIGUSR2);
  sigaddset(&set, SIGHUP);
  sigprocmask(SIG_BLOCK, &set, NULL);
  raise(SIGUSR2);
  raise(SIGUSR1);
  raise(SIGUSR2);
  kill(getpid(), SIGHUP);
  show_trail("while blocked");
  sigset_t pending;
  sigpending(&pending);
  printf("pending: HUP %d USR1 %d USR2 %d TERM %d\n", sigismember(&pending, SIGHUP),
         sigismember(&pending, SIGUSR1), sigismember(&pending, SIGUSR2),
         sigismember(&pending, SIGTERM));
  sigset_t only_usr2;
  sigemptyset(&only_usr2);
  sigaddset(&only_usr2, SIGUSR2);
  sigprocmask(SIG_UNBLOCK, &only_usr2, NULL);
  show_trail("unblock USR2");
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  show_trail("unblock all");
  SHOW("sigprocmask bad how", sigprocmask(99, &set, NULL));

  /* Ignoring discards; a pending signal that becomes ignored is dropped. */
  signal(SIGUSR1, SIG_IGN);
  SHOW("raise ignored", raise(SIGUSR1));
  sigprocmask(SIG_BLOCK, &set, NULL);
  install(SIGUSR2, handler, 0);
  raise(SIGUSR2);
  signal(SIGUSR2, SIG_IGN);
  sigpending(&pending);
  printf("pending after ignoring: USR2 %d\n", sigismember(&pending, SIGUSR2));
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  SHOW("raise SIGCHLD default", raise(SIGCHLD));
  SHOW("raise SIGWINCH default", raise(SIGWINCH));
  show_trail("ignored");

  /* sigsuspend: the new mask unblocks a pending signal, whose handler runs;
   * then the old mask is back. */
  install(SIGUSR1, handler, 0);
  sigprocmask(SIG_BLOCK, &set, NULL);
  raise(SIGUSR1);
  sigset_t none;
  sigemptyset(&none);
  SHOW("sigsuspend", sigsuspend(&none));
  printf("mask after sigsuspend: USR1 %d\n", mask_had(SIGUSR1));
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  show_trail("sigsuspend");

  /* siglongjmp out of a handler restores the mask sigsetjmp saved. */
  install(SIGUSR1, jump_out, 0);
  int r = sigsetjmp(escape, 1);
  if (r == 0) {
    raise(SIGUSR1);
    printf("never: handler returned\n");
  }
  printf("siglongjmp from handler: %d, USR1 blocked after: %d\n", r, mask_had(SIGUSR1));
  /* A plain longjmp does not: the handler's mask stays. */
  install(SIGUSR2, abort_handler, 0);
  if (setjmp(abort_escape) == 0) raise(SIGUSR2);
  printf("longjmp from handler: USR2 blocked after: %d\n", mask_had(SIGUSR2));
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  show_trail("jumps");

  /* abort runs SIGABRT's handler, which may leave by longjmp. */
  install(SIGABRT, abort_handler, 0);
  if (setjmp(abort_escape) == 0) abort();
  printf("abort's handler escaped\n");
  sigemptyset(&set);
  sigaddset(&set, SIGABRT);
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  show_trail("abort");

  /* Process-directed sends to anything else find no process. */
  SHOW("kill other pid", kill(getpid() + 100000, SIGUSR1));
  SHOW("killpg negative", killpg(-5, SIGUSR1));

  /* The interval timer: pause and nanosleep end when it fires. */
  install(SIGALRM, handler, 0);
  struct itimerval it;
  memset(&it, 0, sizeof it);
  it.it_value.tv_usec = 50000;
  SHOW("setitimer", setitimer(ITIMER_REAL, &it, NULL));
  struct itimerval left;
  getitimer(ITIMER_REAL, &left);
  printf("armed: %d\n", left.it_value.tv_sec == 0 && left.it_value.tv_usec > 0);
  SHOW("pause", pause());
  getitimer(ITIMER_REAL, &left);
  printf("disarmed after firing: %d\n", left.it_value.tv_sec == 0 && left.it_value.tv_usec == 0);
  it.it_value.tv_usec = 50000;
  setitimer(ITIMER_REAL, &it, NULL);
  struct timespec req = {3, 0}, rem = {0, 0};
  SHOW("nanosleep interrupted", nanosleep(&req, &rem));
  printf("remaining between 2 and 3 s: %d\n", rem.tv_sec == 2);
  SHOW("alarm returns 0 when none", alarm(5));
  printf("alarm returns what was left: %u\n", alarm(0));
  SHOW("setitimer bad which", setitimer(7, &it, NULL));
  show_trail("timer");
  return 0;
}
