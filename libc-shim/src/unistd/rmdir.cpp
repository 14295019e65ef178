// rmdir (wasi-libc's __wasilibc_* entry
// points for them are generated from libc-shim/wasilibc-aliases.txt).
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "shim.h"

namespace wasishim::shim {

result<void> remove_directory(int dirfd, const char* path) {
  char buf[path_buffer_size];
  auto where = resolve_at(dirfd, path, buf);
  if (!where) return failure(where.error() == errc::noent && is_virtual_directory(buf)
                                 ? errc::busy
                                 : where.error());
  if (where->ends_in_dot) {
    // POSIX: removing "." is EINVAL; ".." is never empty.
    if (auto r = require_existing_directory(*where); !r) return r;
    return failure(where->dotdot ? errc::notempty : errc::inval);
  }
  if (strcmp(where->path, ".") == 0) return failure(errc::busy);  // a mount point
  char rel[path_buffer_size];
  memcpy(rel, where->path, where->len + 1);
  resolved_path w = *where;
  w.path = rel;
  drop_trailing_slashes(w);
  return sys::path_remove_directory(w.dirfd, w.path, w.len);
}

}  // namespace wasishim::shim

using namespace wasishim::shim;

extern "C" {

int rmdir(const char* path) { return to_c(remove_directory(AT_FDCWD, path)); }

}  // extern "C"
