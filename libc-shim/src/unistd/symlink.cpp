// symlink and symlinkat (wasi-libc's __wasilibc_* entry
// points for them are generated from libc-shim/wasilibc-aliases.txt).
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "shim.h"

namespace wasishim::shim {
namespace {

result<void> symlink_at(const char* target, int dirfd, const char* linkpath) {
  if (target == nullptr) return failure(errc::fault);
  if (target[0] == '\0') return failure(errc::noent);
  char buf[path_buffer_size];
  auto where = resolve_at(dirfd, linkpath, buf);
  if (!where) return failure(where.error());
  if (where->ends_in_dot) {
    if (auto r = require_existing_directory(*where); !r) return r;
    return failure(errc::exist);
  }
  if (strcmp(where->path, ".") == 0) return failure(errc::exist);
  return sys::path_symlink(target, strlen(target), where->dirfd, where->path, where->len);
}

}  // namespace
}  // namespace wasishim::shim

using namespace wasishim::shim;

extern "C" {

int symlink(const char* target, const char* linkpath) {
  return to_c(symlink_at(target, AT_FDCWD, linkpath));
}
int symlinkat(const char* target, int dirfd, const char* linkpath) {
  return to_c(symlink_at(target, dirfd, linkpath));
}

}  // extern "C"
