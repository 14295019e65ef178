// The user database's one entry (internal/users.cpp): getpwnam, getpwuid,
// their _r forms, getpwent.
#include <pwd.h>
#include <string.h>
#include <unistd.h>

#include "shim.h"

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

// The static result of the non-reentrant calls.
struct passwd the_passwd;
char passwd_text[1024];
bool passwd_listed = false;

struct passwd* static_passwd() {
  if (fill_passwd(&the_passwd, passwd_text, sizeof passwd_text) != 0) return null_with<struct passwd>(errc::range);
  return &the_passwd;
}

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

}  // extern "C"
