// Process identity and the process calls preview1 cannot do. An instance is
// one process with no parent, children, signals or user ids, and descriptors
// cannot be duplicated (preview1 has no dup; fd_renumber moves, it does not
// copy). Each such call fails with ENOSYS (docs/porting.md).
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

int pipe(int fds[2]) {
  (void)fds;
  return fail(errc::nosys);
}
int pipe2(int fds[2], int flags) {
  (void)fds;
  (void)flags;
  return fail(errc::nosys);
}

int dup(int fd) {
  (void)fd;
  return fail(errc::nosys);
}
int dup2(int fd, int to) {
  // dup2(fd, fd) copies nothing, and POSIX defines it as a validity check.
  if (fd == to) {
    auto st = wasishim::sys::fd_fdstat_get(static_cast<wasishim::sys::fd_t>(fd));
    return st ? fd : fail(st.error());
  }
  return fail(errc::nosys);
}
int dup3(int fd, int to, int flags) {
  (void)flags;
  if (fd == to) return fail(errc::inval);
  return fail(errc::nosys);
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

}  // extern "C"
