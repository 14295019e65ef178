/* wasishim: <grp.h> (Debian's wasi-libc has none). An instance has one
 * group, the user's own: gid getgid(), named as the user (<pwd.h>), with the
 * user as its one member. See docs/porting.md. */
#ifndef WASISHIM_OVERLAY_GRP_H
#define WASISHIM_OVERLAY_GRP_H

#define __NEED_size_t
#define __NEED_gid_t
#include <bits/alltypes.h>

#ifdef __cplusplus
extern "C" {
#endif

struct group {
  char* gr_name;
  char* gr_passwd;
  gid_t gr_gid;
  char** gr_mem;
};

struct group* getgrnam(const char*);
struct group* getgrgid(gid_t);
int getgrnam_r(const char*, struct group*, char*, size_t, struct group**);
int getgrgid_r(gid_t, struct group*, char*, size_t, struct group**);
struct group* getgrent(void);
void setgrent(void);
void endgrent(void);
int getgrouplist(const char*, gid_t, gid_t*, int*);
int initgroups(const char*, gid_t);
int setgroups(size_t, const gid_t*);

#ifdef __cplusplus
}
#endif
#endif
