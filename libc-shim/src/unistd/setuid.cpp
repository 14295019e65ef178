// setuid and friends, getresuid and getresgid: the instance has one user and
// one group (internal/users.cpp).
#include <unistd.h>

#include "shim.h"

using namespace wasishim::shim;

extern "C" {

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

}  // extern "C"
