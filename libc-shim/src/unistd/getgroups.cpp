// getgroups: the supplementary group list (internal/users.cpp).
#include <string.h>
#include <unistd.h>

#include "shim.h"

using namespace wasishim::shim;

extern "C" {

int getgroups(int size, gid_t list[]) {
  const group_list& groups = supplementary_groups();
  if (size == 0) return groups.count;
  if (size < groups.count) return fail(errc::inval);
  memcpy(list, groups.ids, static_cast<size_t>(groups.count) * sizeof(gid_t));
  return groups.count;
}

}  // extern "C"
