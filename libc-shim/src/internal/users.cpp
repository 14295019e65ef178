// The instance's one user and its one group. Preview1 has no users: the shim
// reports uid and gid 0 (getuid, in unistd/process.cpp), and its user database has
// that one entry, named from the environment as a login shell would set it:
// USER (else LOGNAME, else "root"), HOME (else "/"), SHELL (else "/bin/sh").
// The group has the user's name and the user as its member. Changing to
// another user or group fails with EPERM. docs/porting.md. The entry points
// are in pwd/, grp/ and unistd/.
#include <stdlib.h>
#include <string.h>

#include "shim.h"

namespace wasishim::shim {
namespace {

const char* env_or(const char* name, const char* alternative, const char* fallback) {
  const char* v = getenv(name);
  if (v == nullptr || *v == '\0') v = alternative ? getenv(alternative) : nullptr;
  return v != nullptr && *v != '\0' ? v : fallback;
}

}  // namespace

const char* user_name() { return env_or("USER", "LOGNAME", "root"); }
const char* user_home() { return env_or("HOME", nullptr, "/"); }
const char* user_shell() { return env_or("SHELL", nullptr, "/bin/sh"); }

// Copies `s` into the caller's buffer for the *_r functions.
bool place_string(const char* s, char*& buf, size_t& left, char** out) {
  const size_t n = strlen(s) + 1;
  if (n > left) return false;
  memcpy(buf, s, n);
  *out = buf;
  buf += n;
  left -= n;
  return true;
}

group_list& supplementary_groups() {
  static group_list list = {{0}, 1};
  return list;
}

}  // namespace wasishim::shim
