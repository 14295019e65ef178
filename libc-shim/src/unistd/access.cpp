// access and faccessat.
#include <fcntl.h>
#include <unistd.h>

#include "shim.h"

namespace wasishim::shim {
namespace {

result<void> access_at(int dirfd, const char* path, int amode, int flag) {
  if (amode & ~(F_OK | R_OK | W_OK | X_OK)) return failure(errc::inval);
  if (flag & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW)) return failure(errc::inval);
  auto st = stat_at(dirfd, path, !(flag & AT_SYMLINK_NOFOLLOW));
  if (!st) return failure(st.error());
  if (amode & W_OK) {
    if (auto r = check_write_access_on_read_only(dirfd, path); !r) return r;
  }
  // No permissions exist in preview1; the shim answers as for a superuser,
  // except that X_OK needs some execute bit, as Linux requires of root.
  if (amode & X_OK) {
    const mode_t bits = permission_bits(file_key{st->dev, st->ino}, st->filetype);
    if (st->filetype != sys::filetype::directory && !(bits & 0111)) return failure(errc::acces);
  }
  return {};
}

}  // namespace
}  // namespace wasishim::shim

using namespace wasishim::shim;

extern "C" {

int access(const char* path, int amode) { return to_c(access_at(AT_FDCWD, path, amode, 0)); }
int faccessat(int dirfd, const char* path, int amode, int flag) {
  return to_c(access_at(dirfd, path, amode, flag));
}

}  // extern "C"
