/* wasishim: <pwd.h> (Debian's wasi-libc has none). An instance has one user,
 * whose uid getuid() reports; its name, home directory and shell come from
 * the environment (USER or LOGNAME, HOME, SHELL). See docs/porting.md. */
#ifndef WASISHIM_OVERLAY_PWD_H
#define WASISHIM_OVERLAY_PWD_H

#define __NEED_size_t
#define __NEED_uid_t
#define __NEED_gid_t
#include <bits/alltypes.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

struct passwd {
  char* pw_name;
  char* pw_passwd;
  uid_t pw_uid;
  gid_t pw_gid;
  char* pw_gecos;
  char* pw_dir;
  char* pw_shell;
};

struct passwd* getpwnam(const char*);
struct passwd* getpwuid(uid_t);
int getpwnam_r(const char*, struct passwd*, char*, size_t, struct passwd**);
int getpwuid_r(uid_t, struct passwd*, char*, size_t, struct passwd**);
struct passwd* getpwent(void);
void setpwent(void);
void endpwent(void);

#ifdef __cplusplus
}
#endif
#endif
