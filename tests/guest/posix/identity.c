/* The instance as a process: its one user and group named from the
 * environment, process groups and sessions, owners kept by chown, resource
 * limits and the nice value kept inside the instance, the host name, the
 * process calls preview1 cannot make and name resolution it does not have
 * (docs/porting.md). Linux would answer from its own users and processes, so
 * the expected output is written by hand.
 * wasishim-test: env USER=alice
 * wasishim-test: env HOME=/sandbox/home
 * wasishim-test: env SHELL=/bin/zsh */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <netdb.h>
#include <pwd.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "guest_test.h"

static void show_owner(const char* label, const char* path, int follow) {
  struct stat st;
  int r = follow ? stat(path, &st) : lstat(path, &st);
  REQUIRE(r == 0);
  printf("%s: %u:%u\n", label, (unsigned)st.st_uid, (unsigned)st.st_gid);
}

int main(int argc, char** argv) {
  REQUIRE(argc > 1);
  printf("ids: %d %d %d %d\n", (int)getuid(), (int)geteuid(), (int)getgid(), (int)getegid());

  struct passwd* pw = getpwuid(getuid());
  REQUIRE(pw != NULL);
  printf("passwd: %s uid %d gid %d dir %s shell %s\n", pw->pw_name, (int)pw->pw_uid,
         (int)pw->pw_gid, pw->pw_dir, pw->pw_shell);
  printf("getpwnam alice: %d, bob: %d, uid 1000: %d\n", getpwnam("alice") != NULL,
         getpwnam("bob") != NULL, getpwuid(1000) != NULL);
  struct passwd entry, *found = NULL;
  char small[8], big[512];
  printf("getpwnam_r small buffer: %s\n", errname(getpwnam_r("alice", &entry, small, sizeof small, &found)));
  printf("getpwnam_r: %d %s %s\n", getpwnam_r("alice", &entry, big, sizeof big, &found),
         found ? found->pw_name : "(null)", found ? found->pw_dir : "");
  printf("getpwnam_r missing: %d found %d\n", getpwnam_r("bob", &entry, big, sizeof big, &found),
         found != NULL);
  setpwent();
  int entries = 0;
  while (getpwent() != NULL) entries++;
  endpwent();
  printf("passwd entries: %d\n", entries);

  struct group* gr = getgrgid(getgid());
  REQUIRE(gr != NULL);
  printf("group: %s gid %d members %s %s\n", gr->gr_name, (int)gr->gr_gid, gr->gr_mem[0],
         gr->gr_mem[1] ? "more" : "only");
  struct group gentry, *gfound = NULL;
  printf("getgrnam_r: %d %s\n", getgrnam_r("alice", &gentry, big, sizeof big, &gfound),
         gfound ? gfound->gr_mem[0] : "(null)");
  gid_t groups[8];
  int n = getgroups(8, groups);
  printf("getgroups: %d first %d\n", n, n > 0 ? (int)groups[0] : -1);
  int count = 8;
  printf("getgrouplist: %d count %d\n", getgrouplist("alice", 5, groups, &count), count);
  printf("getlogin: %s\n", getlogin());
  SHOW("setuid own", setuid(getuid()));
  SHOW("setuid other", setuid(1000));
  SHOW("setgid other", setgid(1000));

  SHOW("getpid", getpid());
  SHOW("getpgrp", getpgrp());
  SHOW("getsid", getsid(0));
  SHOW("getpgid other", getpgid(12345));
  SHOW("setpgid own group", setpgid(0, 0));
  SHOW("setpgid other group", setpgid(0, 7));
  SHOW("setsid as group leader", setsid());

  int status;
  SHOW("wait", wait(&status));
  SHOW("waitpid bad options", waitpid(-1, &status, 0x4000));
  SHOW("system(NULL)", system(NULL));
  SHOW("system", system("true"));
  errno = 0;
  FILE* p = popen("ls", "r");
  printf("popen: %s %s\n", p ? "stream" : "(null)", errname(errno));
  pid_t child;
  char* const args[] = {"true", NULL};
  printf("posix_spawn: %s\n", errname(posix_spawn(&child, "/bin/true", NULL, NULL, args, NULL)));
  printf("posix_spawnp: %s\n", errname(posix_spawnp(&child, "true", NULL, NULL, args, NULL)));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  printf("addclose -1: %s\n", errname(posix_spawn_file_actions_addclose(&actions, -1)));
  printf("adddup2: %s\n", errname(posix_spawn_file_actions_adddup2(&actions, 1, 2)));
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  printf("setflags bad: %s\n", errname(posix_spawnattr_setflags(&attr, 0x4000)));
  posix_spawnattr_destroy(&attr);

  /* Owners: chown records them, as the superuser could. */
  char file[4096], link[4096];
  snprintf(file, sizeof file, "%s/owned", argv[1]);
  snprintf(link, sizeof link, "%s/link", argv[1]);
  int fd = open(file, O_RDWR | O_CREAT, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(symlink("owned", link) == 0);
  show_owner("new file", file, 1);
  SHOW("chown", chown(file, 1000, 1001));
  show_owner("after chown", file, 1);
  SHOW("chown group only", chown(file, (uid_t)-1, 2002));
  show_owner("after group change", file, 1);
  SHOW("fchown", fchown(fd, 7, 8));
  show_owner("after fchown", file, 1);
  SHOW("lchown", lchown(link, 30, 31));
  show_owner("link itself", link, 0);
  show_owner("through link", link, 1);
  SHOW("fchownat nofollow", fchownat(AT_FDCWD, link, 40, 41, AT_SYMLINK_NOFOLLOW));
  show_owner("link itself", link, 0);
  SHOW("chown through link", chown(link, 50, 51));
  show_owner("target", file, 1);
  close(fd);

  /* Limits and priority are kept. */
  struct rlimit rl;
  getrlimit(RLIMIT_NOFILE, &rl);
  printf("NOFILE: %llu %llu\n", (unsigned long long)rl.rlim_cur, (unsigned long long)rl.rlim_max);
  getrlimit(RLIMIT_CORE, &rl);
  printf("CORE: %llu %llu\n", (unsigned long long)rl.rlim_cur, (unsigned long long)rl.rlim_max);
  getrlimit(RLIMIT_NPROC, &rl);
  printf("NPROC: %llu %llu\n", (unsigned long long)rl.rlim_cur, (unsigned long long)rl.rlim_max);
  getrlimit(RLIMIT_STACK, &rl);
  printf("STACK: known %d, soft == hard %d\n", rl.rlim_cur > 0 && rl.rlim_cur != RLIM_INFINITY,
         rl.rlim_cur == rl.rlim_max);
  struct rlimit higher = {2048, 2048};
  SHOW("raise NOFILE hard", setrlimit(RLIMIT_NOFILE, &higher));
  struct rlimit lower = {100, 200};
  SHOW("lower NOFILE", setrlimit(RLIMIT_NOFILE, &lower));
  getrlimit(RLIMIT_NOFILE, &rl);
  printf("NOFILE now: %llu %llu\n", (unsigned long long)rl.rlim_cur, (unsigned long long)rl.rlim_max);
  SHOW("raise NOFILE above new hard", setrlimit(RLIMIT_NOFILE, &(struct rlimit){300, 300}));
  SHOW("nice 0", nice(0));
  SHOW("nice 5", nice(5));
  SHOW("getpriority", getpriority(PRIO_PROCESS, 0));
  SHOW("setpriority", setpriority(PRIO_PROCESS, 0, -3));
  SHOW("getpriority after", getpriority(PRIO_PROCESS, 0));
  SHOW("getpriority other", getpriority(PRIO_PROCESS, 77));

  char host[128];
  SHOW("gethostname", gethostname(host, sizeof host));
  printf("host name: %s\n", host);
  SHOW("gethostname too small", gethostname(host, 2));
  SHOW("sethostname", sethostname("box", 3));
  gethostname(host, sizeof host);
  printf("host name now: %s\n", host);

  SHOW("socket", socket(AF_INET, SOCK_STREAM, 0));
  int pair[2];
  SHOW("socketpair", socketpair(AF_UNIX, SOCK_STREAM, 0, pair));
  struct addrinfo* res = NULL;
  printf("getaddrinfo: %d\n", getaddrinfo("localhost", "80", NULL, &res));
  printf("gethostbyname: %d h_errno %d\n", gethostbyname("localhost") != NULL, h_errno);
  struct protoent* proto = getprotobyname("tcp");
  printf("tcp protocol: %d\n", proto ? proto->p_proto : -1);
  printf("getservbyname: %d\n", getservbyname("http", "tcp") != NULL);
  return 0;
}
