// The group database's one entry (internal/users.cpp): getgrnam, getgrgid,
// their _r forms, getgrent.
#include <grp.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "shim.h"
#include "user_database.h"

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

user_database<struct group, fill_group> groups;

}  // namespace
}  // namespace wasishim::shim

using namespace wasishim::shim;

extern "C" {

struct group* getgrnam(const char* name) { return groups.lookup(names_the_user(name)); }
struct group* getgrgid(gid_t gid) { return groups.lookup(gid == getgid()); }
int getgrnam_r(const char* name, struct group* gr, char* buf, size_t size, struct group** result) {
  return groups.lookup_r(names_the_user(name), gr, buf, size, result);
}
int getgrgid_r(gid_t gid, struct group* gr, char* buf, size_t size, struct group** result) {
  return groups.lookup_r(gid == getgid(), gr, buf, size, result);
}
struct group* getgrent(void) { return groups.next(); }
void setgrent(void) { groups.rewind(); }
void endgrent(void) { groups.rewind(); }

}  // extern "C"
