// The user database's one entry (internal/users.cpp): getpwnam, getpwuid,
// their _r forms, getpwent.
#include <pwd.h>
#include <string.h>
#include <unistd.h>

#include "shim.h"
#include "user_database.h"

namespace wasishim::shim {
namespace {

int fill_passwd(struct passwd* pw, char* buf, size_t size) {
  if (!place_string(user_name(), buf, size, &pw->pw_name) ||
      !place_string("x", buf, size, &pw->pw_passwd) ||
      !place_string(user_name(), buf, size, &pw->pw_gecos) ||
      !place_string(user_home(), buf, size, &pw->pw_dir) ||
      !place_string(user_shell(), buf, size, &pw->pw_shell))
    return ERANGE;
  pw->pw_uid = getuid();
  pw->pw_gid = getgid();
  return 0;
}

user_database<struct passwd, fill_passwd> passwds;

}  // namespace
}  // namespace wasishim::shim

using namespace wasishim::shim;

extern "C" {

struct passwd* getpwnam(const char* name) { return passwds.lookup(names_the_user(name)); }
struct passwd* getpwuid(uid_t uid) { return passwds.lookup(uid == getuid()); }
int getpwnam_r(const char* name, struct passwd* pw, char* buf, size_t size, struct passwd** result) {
  return passwds.lookup_r(names_the_user(name), pw, buf, size, result);
}
int getpwuid_r(uid_t uid, struct passwd* pw, char* buf, size_t size, struct passwd** result) {
  return passwds.lookup_r(uid == getuid(), pw, buf, size, result);
}
struct passwd* getpwent(void) { return passwds.next(); }
void setpwent(void) { passwds.rewind(); }
void endpwent(void) { passwds.rewind(); }

}  // extern "C"
