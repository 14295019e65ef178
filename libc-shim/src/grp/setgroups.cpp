// setgroups, initgroups, getgrouplist: the supplementary group list
// (internal/users.cpp).
#include <grp.h>
#include <string.h>
#include <unistd.h>

#include "shim.h"

using namespace wasishim::shim;

extern "C" {

int setgroups(size_t count, const gid_t* list) {
  group_list& groups = supplementary_groups();
  if (count > max_supplementary_groups) return fail(errc::inval);
  if (count > 0) memcpy(groups.ids, list, count * sizeof(gid_t));
  groups.count = static_cast<int>(count);
  return 0;
}

int initgroups(const char* user, gid_t group) {
  (void)user;
  group_list& groups = supplementary_groups();
  groups.ids[0] = group;
  groups.count = 1;
  if (group != getgid()) groups.ids[groups.count++] = getgid();
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

}  // extern "C"
