// Process identity and the process calls preview1 cannot do. An instance is
// one process (pid 1, leader of its own group and session) with no parent,
// children or shell. Creating a process fails with ENOSYS, as docs/porting.md
// says (waiting for one is in sys_wait/wait.cpp, system and popen in stdlib/
// and stdio/).
#include <stdlib.h>
#include <unistd.h>

#include "shim.h"

using namespace wasishim::shim;

extern "C" {

// A fixed identifier: the instance is the only process it can see.
pid_t getpid(void) { return 1; }
pid_t getppid(void) { return 0; }
uid_t getuid(void) { return 0; }
uid_t geteuid(void) { return 0; }
gid_t getgid(void) { return 0; }
gid_t getegid(void) { return 0; }

// The one page size of wasishim's memory mapping: mmap-emu's when it is
// linked, else the same 4096 (its wasishim/page_size.h), so a program sees one
// value whether or not it maps memory.
__attribute__((weak)) int __wasishim_page_size(void);

static long mapping_page_size() {
  return &__wasishim_page_size != nullptr ? __wasishim_page_size() : 4096;
}

// Weak, so mmap-emu's own getpagesize takes precedence; both agree.
__attribute__((weak)) int getpagesize(void) { return static_cast<int>(mapping_page_size()); }

long __wasishim_sysconf(int name) {
  if (name == _SC_PAGESIZE) return mapping_page_size();
  return (sysconf)(name);  // wasi-libc's, for everything else
}

pid_t fork(void) { return fail(errc::nosys); }
pid_t vfork(void) { return fail(errc::nosys); }
int execve(const char*, char* const[], char* const[]) { return fail(errc::nosys); }
int execv(const char*, char* const[]) { return fail(errc::nosys); }
int execvp(const char*, char* const[]) { return fail(errc::nosys); }
int execl(const char*, const char*, ...) { return fail(errc::nosys); }
int execlp(const char*, const char*, ...) { return fail(errc::nosys); }
int execle(const char*, const char*, ...) { return fail(errc::nosys); }
int fexecve(int, char* const[], char* const[]) { return fail(errc::nosys); }

// Process groups and sessions: the instance is process 1, leader of group
// and session 1, alone in both.
pid_t getpgrp(void) { return getpid(); }
pid_t getpgid(pid_t pid) {
  if (pid != 0 && pid != getpid()) return fail(errc::srch);
  return getpid();
}
pid_t getsid(pid_t pid) { return getpgid(pid); }
int setpgid(pid_t pid, pid_t group) {
  if (pid != 0 && pid != getpid()) return fail(errc::srch);
  if (group < 0) return fail(errc::inval);
  // Already the leader of its own group; any other group would have to exist.
  if (group != 0 && group != getpid()) return fail(errc::perm);
  return 0;
}
pid_t setpgrp(void) { return setpgid(0, 0); }
// A group leader cannot start a session (POSIX).
pid_t setsid(void) { return fail(errc::perm); }

}  // extern "C"
