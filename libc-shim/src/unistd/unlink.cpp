// unlink and unlinkat (wasi-libc's __wasilibc_* entry points for them are
// generated from libc-shim/wasilibc-aliases.txt). unlinkat with AT_REMOVEDIR
// is rmdir (rmdir.cpp).
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "shim.h"

namespace wasishim::shim {

result<void> unlink_file(int dirfd, const char* path) {
  char buf[path_buffer_size];
  auto where = resolve_at(dirfd, path, buf);
  if (!where) return failure(where.error() == errc::noent && is_virtual_directory(buf)
                                 ? errc::isdir
                                 : where.error());
  if (where->ends_in_dot) {
    if (auto r = require_existing_directory(*where); !r) return r;
    return failure(errc::isdir);
  }
  if (strcmp(where->path, ".") == 0) return failure(errc::isdir);
  return sys::path_unlink_file(where->dirfd, where->path, where->len);
}

namespace {

result<void> unlink_at(int dirfd, const char* path, int flag) {
  if (flag & ~AT_REMOVEDIR) return failure(errc::inval);
  return (flag & AT_REMOVEDIR) ? remove_directory(dirfd, path) : unlink_file(dirfd, path);
}

}  // namespace
}  // namespace wasishim::shim

using namespace wasishim::shim;

extern "C" {

int unlink(const char* path) { return to_c(unlink_file(AT_FDCWD, path)); }
int unlinkat(int dirfd, const char* path, int flag) {
  return to_c(unlink_at(dirfd, path, flag));
}

}  // extern "C"
