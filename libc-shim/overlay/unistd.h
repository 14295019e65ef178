/* wasishim overlay: wasi-libc's <unistd.h> plus what the shim defines
 * (fchdir, getpid without a deprecation warning, owners, process groups,
 * users, alarm and pause, terminals, the host name, pipes and descriptor
 * duplication) and the process calls preview1 cannot do, declared so ported
 * code compiles and fails at run time as docs/porting.md says. */
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
int getgroups(int, gid_t[]);
int setuid(uid_t);
int seteuid(uid_t);
int setgid(gid_t);
int setegid(gid_t);
int setreuid(uid_t, uid_t);
int setregid(gid_t, gid_t);
int setresuid(uid_t, uid_t, uid_t);
int setresgid(gid_t, gid_t, gid_t);
int getresuid(uid_t*, uid_t*, uid_t*);
int getresgid(gid_t*, gid_t*, gid_t*);
pid_t getpgrp(void);
pid_t getpgid(pid_t);
int setpgid(pid_t, pid_t);
pid_t setpgrp(void);
pid_t getsid(pid_t);
pid_t setsid(void);
int nice(int);
int chown(const char*, uid_t, gid_t);
int fchown(int, uid_t, gid_t);
int lchown(const char*, uid_t, gid_t);
int fchownat(int, const char*, uid_t, gid_t, int);
unsigned alarm(unsigned);
unsigned ualarm(unsigned, unsigned);
int pause(void);
char* ttyname(int);
int ttyname_r(int, char*, size_t);
pid_t tcgetpgrp(int);
int tcsetpgrp(int, pid_t);
int sethostname(const char*, size_t);
/* sysconf(_SC_PAGESIZE) must be mmap-emu's page size; wasi-libc's sysconf
 * says 64 KiB. The shim's sysconf answers the page size and passes every
 * other name to wasi-libc's. */
long __wasishim_sysconf(int);
#ifdef __cplusplus
}
#endif
#define sysconf(name) __wasishim_sysconf(name)

#endif
