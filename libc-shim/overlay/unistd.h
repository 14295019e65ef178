/* wasishim overlay: wasi-libc's <unistd.h> plus what the shim defines
 * (fchdir, getpid without a deprecation warning) and the process and
 * descriptor-duplication calls preview1 cannot do, declared so ported code
 * compiles and fails at run time with ENOSYS (docs/porting.md). */
#ifndef WASISHIM_OVERLAY_UNISTD_H
#define WASISHIM_OVERLAY_UNISTD_H

/* wasi-libc marks getpid deprecated; the shim provides it, so hide that
 * declaration under another name and declare the real one below. */
#define getpid __wasishim_wasi_libc_getpid
#include_next <unistd.h>
#undef getpid
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif
pid_t getpid(void);
int fchdir(int);
int getpagesize(void);
int pipe(int[2]);
int pipe2(int[2], int);
int dup(int);
int dup2(int, int);
int dup3(int, int, int);
pid_t fork(void);
pid_t vfork(void);
int execve(const char*, char* const[], char* const[]);
int execv(const char*, char* const[]);
int execvp(const char*, char* const[]);
int execl(const char*, const char*, ...);
int execlp(const char*, const char*, ...);
int execle(const char*, const char*, ...);
int fexecve(int, char* const[], char* const[]);
pid_t getppid(void);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
/* sysconf(_SC_PAGESIZE) must be mmap-emu's page size; wasi-libc's sysconf
 * says 64 KiB. The shim's sysconf answers the page size and passes every
 * other name to wasi-libc's. */
long __wasishim_sysconf(int);
#ifdef __cplusplus
}
#endif
#define sysconf(name) __wasishim_sysconf(name)

#endif
