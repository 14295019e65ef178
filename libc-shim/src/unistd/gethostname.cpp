// The host name: uname's node name ("(none)": preview1 tells an instance
// nothing about the machine), or what sethostname recorded inside the
// instance. docs/porting.md.
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "shim.h"

namespace {
char recorded[65];
bool has_recorded = false;
}  // namespace

using namespace wasishim::shim;

extern "C" {

int gethostname(char* name, size_t len) {
  struct utsname u;
  const char* current = recorded;
  if (!has_recorded) {
    if (uname(&u) != 0) return -1;
    current = u.nodename;
  }
  const size_t n = strlen(current) + 1;
  if (n > len) return fail(errc::nametoolong);
  memcpy(name, current, n);
  return 0;
}

int sethostname(const char* name, size_t len) {
  if (len >= sizeof recorded) return fail(errc::inval);
  memcpy(recorded, name, len);
  recorded[len] = '\0';
  has_recorded = true;
  return 0;
}

}  // extern "C"
