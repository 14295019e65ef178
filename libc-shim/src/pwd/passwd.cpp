// The instance's one user and its one group. Preview1 has no users: the shim
// reports uid and gid 0 (getuid, in process.cpp), and its user database has
// that one entry, named from the environment as a login shell would set it:
// USER (else LOGNAME, else "root"), HOME (else "/"), SHELL (else "/bin/sh").
// The group has the user's name and the user as its member. Changing to
// another user or group fails with EPERM. docs/porting.md.
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shim.h"

namespace wasishim::shim {
namespace {

const char* env_or(const char* name, const char* alternative, const char* fallback) {
  const char* v = getenv(name);
  if (v == nullptr || *v == '\0') v = alternative ? getenv(alternative) : nullptr;
  return v != nullptr && *v != '\0' ? v : fallback;
}
const char* user_name() { return env_or("USER", "LOGNAME", "root"); }
const char* home() { return env_or("HOME", nullptr, "/"); }
const char* shell() { return env_or("SHELL", nullptr, "/bin/sh"); }

// Copies `s` into the caller's buffer for the *_r functions.
bool place(const char* s, char*& buf, size_t& left, char** out) {
  const size_t n = strlen(s) + 1;
  if (n > left) return false;
  memcpy(buf, s, n);
  *out = buf;
  buf += n;
  left -= n;
  return true;
}

int fill_passwd(struct passwd* pw, char* buf, size_t size) {
  if (!place(user_name(), buf, size, &pw->pw_name) || !place("x", buf, size, &pw->pw_passwd) ||
      !place(user_name(), buf, size, &pw->pw_gecos) || !place(home(), buf, size, &pw->pw_dir) ||
      !place(shell(), buf, size, &pw->pw_shell))
    return ERANGE;
  pw->pw_uid = getuid();
  pw->pw_gid = getgid();
  return 0;
}

int fill_group(struct group* gr, char* buf, size_t size) {
  // The member list (two pointers) first, aligned, then the strings.
  const size_t misalign = reinterpret_cast<uintptr_t>(buf) % alignof(char*);
  const size_t skip = misalign ? alignof(char*) - misalign : 0;
  if (size < skip + 2 * sizeof(char*)) return ERANGE;
  char** members = reinterpret_cast<char**>(buf + skip);
  buf += skip + 2 * sizeof(char*);
  size -= skip + 2 * sizeof(char*);
  if (!place(user_name(), buf, size, &gr->gr_name) || !place("x", buf, size, &gr->gr_passwd))
    return ERANGE;
  members[0] = gr->gr_name;
  members[1] = nullptr;
  gr->gr_mem = members;
  gr->gr_gid = getgid();
  return 0;
}

// The static results of the non-reentrant calls.
struct passwd the_passwd;
char passwd_text[1024];
struct group the_group;
char group_text[1024];
bool passwd_listed = false;
bool group_listed = false;

struct passwd* static_passwd() {
  if (fill_passwd(&the_passwd, passwd_text, sizeof passwd_text) != 0) return null_with<struct passwd>(errc::range);
  return &the_passwd;
}
struct group* static_group() {
  if (fill_group(&the_group, group_text, sizeof group_text) != 0) return null_with<struct group>(errc::range);
  return &the_group;
}

// Supplementary groups: the user's own, unless setgroups changed the list.
constexpr int max_groups = 32;
gid_t groups[max_groups] = {0};
int group_count = 1;

}  // namespace
}  // namespace wasishim::shim

using namespace wasishim::shim;

extern "C" {

struct passwd* getpwnam(const char* name) {
  return name != nullptr && strcmp(name, user_name()) == 0 ? static_passwd() : nullptr;
}
struct passwd* getpwuid(uid_t uid) { return uid == getuid() ? static_passwd() : nullptr; }

int getpwnam_r(const char* name, struct passwd* pw, char* buf, size_t size, struct passwd** result) {
  *result = nullptr;
  if (name == nullptr || strcmp(name, user_name()) != 0) return 0;
  int e = fill_passwd(pw, buf, size);
  if (e == 0) *result = pw;
  return e;
}
int getpwuid_r(uid_t uid, struct passwd* pw, char* buf, size_t size, struct passwd** result) {
  *result = nullptr;
  if (uid != getuid()) return 0;
  int e = fill_passwd(pw, buf, size);
  if (e == 0) *result = pw;
  return e;
}

struct passwd* getpwent(void) {
  if (passwd_listed) return nullptr;
  passwd_listed = true;
  return static_passwd();
}
void setpwent(void) { passwd_listed = false; }
void endpwent(void) { passwd_listed = false; }

struct group* getgrnam(const char* name) {
  return name != nullptr && strcmp(name, user_name()) == 0 ? static_group() : nullptr;
}
struct group* getgrgid(gid_t gid) { return gid == getgid() ? static_group() : nullptr; }

int getgrnam_r(const char* name, struct group* gr, char* buf, size_t size, struct group** result) {
  *result = nullptr;
  if (name == nullptr || strcmp(name, user_name()) != 0) return 0;
  int e = fill_group(gr, buf, size);
  if (e == 0) *result = gr;
  return e;
}
int getgrgid_r(gid_t gid, struct group* gr, char* buf, size_t size, struct group** result) {
  *result = nullptr;
  if (gid != getgid()) return 0;
  int e = fill_group(gr, buf, size);
  if (e == 0) *result = gr;
  return e;
}

struct group* getgrent(void) {
  if (group_listed) return nullptr;
  group_listed = true;
  return static_group();
}
void setgrent(void) { group_listed = false; }
void endgrent(void) { group_listed = false; }

int getgroups(int size, gid_t list[]) {
  if (size == 0) return group_count;
  if (size < group_count) return fail(errc::inval);
  memcpy(list, groups, static_cast<size_t>(group_count) * sizeof(gid_t));
  return group_count;
}

int setgroups(size_t count, const gid_t* list) {
  if (count > max_groups) return fail(errc::inval);
  if (count > 0) memcpy(groups, list, count * sizeof(gid_t));
  group_count = static_cast<int>(count);
  return 0;
}

int initgroups(const char* user, gid_t group) {
  (void)user;
  groups[0] = group;
  group_count = 1;
  if (group != getgid()) groups[group_count++] = getgid();
  return 0;
}

int getgrouplist(const char* user, gid_t group, gid_t* list, int* count) {
  (void)user;
  gid_t found[2] = {group, getgid()};
  const int n = group == getgid() ? 1 : 2;
  const int room = *count;
  *count = n;
  if (room < n) return -1;
  memcpy(list, found, static_cast<size_t>(n) * sizeof(gid_t));
  return n;
}

// One user: becoming it succeeds, becoming anyone else cannot.
int setuid(uid_t uid) { return uid == getuid() ? 0 : fail(errc::perm); }
int seteuid(uid_t uid) { return setuid(uid); }
int setgid(gid_t gid) { return gid == getgid() ? 0 : fail(errc::perm); }
int setegid(gid_t gid) { return setgid(gid); }
int setreuid(uid_t real, uid_t effective) {
  if ((real != static_cast<uid_t>(-1) && real != getuid()) ||
      (effective != static_cast<uid_t>(-1) && effective != getuid()))
    return fail(errc::perm);
  return 0;
}
int setregid(gid_t real, gid_t effective) {
  if ((real != static_cast<gid_t>(-1) && real != getgid()) ||
      (effective != static_cast<gid_t>(-1) && effective != getgid()))
    return fail(errc::perm);
  return 0;
}
int setresuid(uid_t real, uid_t effective, uid_t saved) {
  if (saved != static_cast<uid_t>(-1) && saved != getuid()) return fail(errc::perm);
  return setreuid(real, effective);
}
int setresgid(gid_t real, gid_t effective, gid_t saved) {
  if (saved != static_cast<gid_t>(-1) && saved != getgid()) return fail(errc::perm);
  return setregid(real, effective);
}
int getresuid(uid_t* real, uid_t* effective, uid_t* saved) {
  *real = *effective = *saved = getuid();
  return 0;
}
int getresgid(gid_t* real, gid_t* effective, gid_t* saved) {
  *real = *effective = *saved = getgid();
  return 0;
}

char* getlogin(void) { return const_cast<char*>(user_name()); }
int getlogin_r(char* buf, size_t size) {
  const char* name = user_name();
  const size_t n = strlen(name) + 1;
  if (n > size) return ERANGE;
  memcpy(buf, name, n);
  return 0;
}

}  // extern "C"
