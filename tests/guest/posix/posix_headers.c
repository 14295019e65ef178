/* The headers real programs include compile with no special flags, their
 * constants are Linux's, and what their functions do where POSIX defines
 * the outcome for this process agrees with Linux: waits without children,
 * terminal calls on a file that is not a terminal, owners, socket calls on a
 * descriptor that is not a socket, process CPU clocks, resource limits and
 * usage, the alternate signal stack. Linux is the oracle.
 * wasishim-test: native */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <netdb.h>
#include <pwd.h>
#include <setjmp.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "guest_test.h"

int main(int argc, char** argv) {
  REQUIRE(argc > 1);
  printf("signals: TERM %d USR1 %d CHLD %d WINCH %d SYS %d RTMIN %d NSIG %d\n", SIGTERM, SIGUSR1,
         SIGCHLD, SIGWINCH, SIGSYS, (int)SIGRTMIN, NSIG);
  printf("sigaction: SIGINFO %#x RESTART %#x NODEFER %#x RESETHAND %#x BLOCK %d SETMASK %d\n",
         SA_SIGINFO, SA_RESTART, SA_NODEFER, (unsigned)SA_RESETHAND, SIG_BLOCK, SIG_SETMASK);
  printf("si_code: USER %d QUEUE %d TKILL %d\n", SI_USER, SI_QUEUE, SI_TKILL);
  printf("wait: NOHANG %d UNTRACED %d; exited 3: %d %d; killed by 9: %d %d\n", WNOHANG, WUNTRACED,
         WIFEXITED(0x300), WEXITSTATUS(0x300), WIFSIGNALED(9), WTERMSIG(9));
  printf("resource: NOFILE %d STACK %d CORE %d SELF %d CHILDREN %d PRIO_PROCESS %d\n",
         RLIMIT_NOFILE, RLIMIT_STACK, RLIMIT_CORE, RUSAGE_SELF, RUSAGE_CHILDREN, PRIO_PROCESS);
  printf("termios: ECHO %#o ICANON %#o ISIG %#o OPOST %#o CS8 %#o B9600 %#o VMIN %d NCCS %d TCSANOW %d\n",
         ECHO, ICANON, ISIG, OPOST, CS8, B9600, VMIN, NCCS, TCSANOW);
  printf("ioctl: TIOCGWINSZ %#x\n", TIOCGWINSZ);
  printf("netdb: EAI_FAIL %d EAI_NONAME %d AI_PASSIVE %d NI_NUMERICHOST %d\n", EAI_FAIL, EAI_NONAME,
         AI_PASSIVE, NI_NUMERICHOST);
  printf("spawn: SETSIGMASK %d SETSIGDEF %d\n", POSIX_SPAWN_SETSIGMASK, POSIX_SPAWN_SETSIGDEF);
  printf("itimer: REAL %d\n", ITIMER_REAL);
  {
    dev_t d = makedev(0x12345u, 0xabcdefu);
    printf("sysmacros: makedev(0x12345, 0xabcdef) %#llx major %#x minor %#x\n",
           (unsigned long long)d, major(d), minor(d));
  }

  /* No children. */
  int status = 0;
  SHOW("wait", wait(&status));
  SHOW("waitpid any WNOHANG", waitpid(-1, &status, WNOHANG));
  siginfo_t info;
  SHOW("waitid", waitid(P_ALL, 0, &info, WEXITED));

  /* Terminal calls on a file. */
  char path[4096];
  snprintf(path, sizeof path, "%s/file", argv[1]);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0);
  struct termios t;
  SHOW("tcgetattr file", tcgetattr(fd, &t));
  SHOW("tcgetattr bad fd", tcgetattr(99, &t));
  memset(&t, 0, sizeof t);
  SHOW("tcsetattr file", tcsetattr(fd, TCSANOW, &t));
  SHOW("isatty file", isatty(fd) ? 1 : -1);
  struct winsize ws;
  SHOW("ioctl TIOCGWINSZ file", ioctl(fd, TIOCGWINSZ, &ws));
  errno = 0;
  char* tty = ttyname(fd);
  printf("ttyname file: %s %s\n", tty ? tty : "(null)", errname(errno));
  SHOW("tcgetpgrp file", tcgetpgrp(fd));
  SHOW("tcdrain file", tcdrain(fd));
  SHOW("cfsetospeed", cfsetospeed(&t, B9600));
  printf("cfgetospeed B9600: %d\n", cfgetospeed(&t) == B9600);
  t.c_lflag = ICANON | ECHO | ISIG;
  t.c_oflag = OPOST;
  cfmakeraw(&t);
  printf("raw: lflag %#o oflag %#o CS8 %d VMIN %d\n", (unsigned)t.c_lflag, (unsigned)t.c_oflag,
         (t.c_cflag & CSIZE) == CS8, t.c_cc[VMIN]);

  /* Owners. */
  SHOW("chown to own ids", chown(path, getuid(), getgid()));
  SHOW("chown unchanged", chown(path, (uid_t)-1, (gid_t)-1));
  struct stat st;
  REQUIRE(stat(path, &st) == 0);
  printf("owner is own: %d %d\n", st.st_uid == getuid(), st.st_gid == getgid());
  SHOW("fchown", fchown(fd, getuid(), (gid_t)-1));
  char missing[4096];
  snprintf(missing, sizeof missing, "%s/missing", argv[1]);
  SHOW("chown missing", chown(missing, getuid(), getgid()));
  SHOW("fchown bad fd", fchown(99, getuid(), getgid()));
  SHOW("fchownat bad flag", fchownat(AT_FDCWD, path, getuid(), getgid(), 0x4000000));

  /* Socket calls on a file. */
  struct sockaddr sa;
  memset(&sa, 0, sizeof sa);
  socklen_t len = sizeof sa;
  SHOW("connect file", connect(fd, &sa, sizeof sa));
  SHOW("bind bad fd", bind(99, &sa, sizeof sa));
  SHOW("listen file", listen(fd, 5));
  SHOW("getsockname file", getsockname(fd, &sa, &len));
  int one = 1;
  SHOW("setsockopt file", setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one));

  /* Process CPU time grows while the program computes. */
  clock_t c0 = clock();
  struct tms tm0;
  clock_t t0 = times(&tm0);
  volatile unsigned long spin = 0;
  struct rusage ru0;
  getrusage(RUSAGE_SELF, &ru0);
  while (clock() - c0 < CLOCKS_PER_SEC / 20) spin++;
  struct tms tm1;
  clock_t t1 = times(&tm1);
  printf("clock and times advance: %d %d %d\n", c0 != (clock_t)-1, t1 >= t0,
         tm1.tms_utime + tm1.tms_stime >= tm0.tms_utime + tm0.tms_stime);
  struct rusage ru;
  SHOW("getrusage self", getrusage(RUSAGE_SELF, &ru));
  printf("rusage: cpu time advanced %d, resident set known %d\n",
         ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec + ru.ru_stime.tv_sec * 1000000 +
                 ru.ru_stime.tv_usec >
             ru0.ru_utime.tv_sec * 1000000 + ru0.ru_utime.tv_usec + ru0.ru_stime.tv_sec * 1000000 +
                 ru0.ru_stime.tv_usec,
         ru.ru_maxrss > 0);
  SHOW("getrusage children", getrusage(RUSAGE_CHILDREN, &ru));
  printf("children used nothing: %d\n", ru.ru_utime.tv_sec == 0 && ru.ru_utime.tv_usec == 0 && ru.ru_maxrss == 0);
  SHOW("getrusage bad who", getrusage(99, &ru));

  /* Limits. */
  struct rlimit rl;
  SHOW("getrlimit NOFILE", getrlimit(RLIMIT_NOFILE, &rl));
  printf("soft <= hard: %d\n", rl.rlim_cur <= rl.rlim_max);
  SHOW("getrlimit bad", getrlimit(99, &rl));
  struct rlimit inverted = {rl.rlim_max, rl.rlim_max == RLIM_INFINITY ? 0 : rl.rlim_max - 1};
  SHOW("setrlimit soft above hard", setrlimit(RLIMIT_NOFILE, &inverted));
  struct rlimit lower = {rl.rlim_cur > 64 ? 64 : rl.rlim_cur, rl.rlim_max};
  SHOW("setrlimit lower soft", setrlimit(RLIMIT_NOFILE, &lower));
  getrlimit(RLIMIT_NOFILE, &rl);
  printf("soft limit now: %llu\n", (unsigned long long)rl.rlim_cur);

  /* The alternate signal stack starts disabled; a tiny one is refused. */
  stack_t ss;
  SHOW("sigaltstack query", sigaltstack(NULL, &ss));
  printf("disabled: %d\n", (ss.ss_flags & SS_DISABLE) != 0);
  static char small[64];
  stack_t tiny = {small, 0, sizeof small};
  SHOW("sigaltstack too small", sigaltstack(&tiny, NULL));

  struct utsname u;
  SHOW("uname", uname(&u));
  close(fd);
  return 0;
}
