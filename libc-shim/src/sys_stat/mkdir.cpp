// mkdir and mkdirat (wasi-libc's __wasilibc_* entry
// points for them are generated from libc-shim/wasilibc-aliases.txt).
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include "shim.h"

namespace wasishim::shim {
namespace {

result<void> make_directory(int dirfd, const char* path, mode_t mode) {
  char buf[path_buffer_size];
  auto where = resolve_at(dirfd, path, buf);
  if (!where) return failure(where.error() == errc::noent && is_virtual_directory(buf)
                                 ? errc::exist
                                 : where.error());
  if (where->ends_in_dot) {
    if (auto r = require_existing_directory(*where); !r) return r;
    return failure(errc::exist);
  }
  if (strcmp(where->path, ".") == 0) return failure(errc::exist);  // a mount point
  // Copy before trimming: `path` belongs to the program.
  char rel[path_buffer_size];
  memcpy(rel, where->path, where->len + 1);
  resolved_path w = *where;
  w.path = rel;
  drop_trailing_slashes(w);
  if (auto r = sys::path_create_directory(w.dirfd, w.path, w.len); !r) return r;
  if (auto st = sys::path_filestat_get(w.dirfd, sys::lookupflags{}, w.path, w.len))
    record_created(file_key{st->dev, st->ino}, mode);
  return {};
}

}  // namespace
}  // namespace wasishim::shim

using namespace wasishim::shim;

extern "C" {

int mkdir(const char* path, mode_t mode) { return to_c(make_directory(AT_FDCWD, path, mode)); }
int mkdirat(int dirfd, const char* path, mode_t mode) {
  return to_c(make_directory(dirfd, path, mode));
}

}  // extern "C"
