// chmod, fchmod, fchmodat: new permission bits, recorded inside the instance
// (internal/permissions.cpp).
#include <fcntl.h>
#include <sys/stat.h>

#include "shim.h"

using namespace wasishim::shim;
using namespace wasishim;

extern "C" {

int fchmodat(int dirfd, const char* path, mode_t mode, int flag) {
  if (flag & ~AT_SYMLINK_NOFOLLOW) return fail(errc::inval);
  // Linux cannot change a symlink's own mode either.
  if (flag & AT_SYMLINK_NOFOLLOW) return fail(errc::notsup);
  auto st = stat_at(dirfd, path, true);
  if (!st) return fail(st.error());
  return to_c(change_mode(*st, mode));
}

int chmod(const char* path, mode_t mode) { return fchmodat(AT_FDCWD, path, mode, 0); }

int fchmod(int fd, mode_t mode) {
  auto wasi = wasi_fd(fd, errc::notsup);  // a pipe's mode is fixed here (docs/porting.md)
  if (!wasi) return fail(wasi.error());
  auto st = sys::fd_filestat_get(*wasi);
  if (!st) return fail(st.error());
  return to_c(change_mode(*st, mode));
}

}  // extern "C"
