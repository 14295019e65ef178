// The group database's one entry (internal/users.cpp): getgrnam, getgrgid,
// their _r forms, getgrent.
#include <grp.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "shim.h"

namespace wasishim::shim {
namespace {

int fill_group(struct group* gr, char* buf, size_t size) {
  // The member list (two pointers) first, aligned, then the strings.
  const size_t misalign = reinterpret_cast<uintptr_t>(buf) % alignof(char*);
  const size_t skip = misalign ? alignof(char*) - misalign : 0;
  if (size < skip + 2 * sizeof(char*)) return ERANGE;
  char** members = reinterpret_cast<char**>(buf + skip);
  buf += skip + 2 * sizeof(char*);
  size -= skip + 2 * sizeof(char*);
  if (!place_string(user_name(), buf, size, &gr->gr_name) ||
      !place_string("x", buf, size, &gr->gr_passwd))
    return ERANGE;
  members[0] = gr->gr_name;
  members[1] = nullptr;
  gr->gr_mem = members;
  gr->gr_gid = getgid();
  return 0;
}

// The static result of the non-reentrant calls.
struct group the_group;
char group_text[1024];
bool group_listed = false;

struct group* static_group() {
  if (fill_group(&the_group, group_text, sizeof group_text) != 0) return null_with<struct group>(errc::range);
  return &the_group;
}

}  // namespace
}  // namespace wasishim::shim

using namespace wasishim::shim;

extern "C" {

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

}  // extern "C"
