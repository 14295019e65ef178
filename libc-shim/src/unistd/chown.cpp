// chown, lchown, fchown, fchownat: new owners, recorded inside the instance
// (internal/permissions.cpp).
#include <fcntl.h>
#include <unistd.h>

#include "shim.h"

using namespace wasishim::shim;
using namespace wasishim;

extern "C" {

int fchownat(int dirfd, const char* path, uid_t uid, gid_t gid, int flag) {
  if (flag & ~AT_SYMLINK_NOFOLLOW) return fail(errc::inval);
  auto st = stat_at(dirfd, path, !(flag & AT_SYMLINK_NOFOLLOW));
  if (!st) return fail(st.error());
  return to_c(change_owner(*st, uid, gid));
}

int chown(const char* path, uid_t uid, gid_t gid) { return fchownat(AT_FDCWD, path, uid, gid, 0); }

int lchown(const char* path, uid_t uid, gid_t gid) {
  return fchownat(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW);
}

int fchown(int fd, uid_t uid, gid_t gid) {
  auto wasi = wasi_fd(fd, errc::notsup);
  if (!wasi) return fail(wasi.error());
  auto st = sys::fd_filestat_get(*wasi);
  if (!st) return fail(st.error());
  return to_c(change_owner(*st, uid, gid));
}

}  // extern "C"
