// link and linkat (wasi-libc's __wasilibc_* entry
// points for them are generated from libc-shim/wasilibc-aliases.txt).
#include <fcntl.h>
#include <unistd.h>

#include "shim.h"

namespace wasishim::shim {
namespace {

result<void> link_at(int olddirfd, const char* oldpath, int newdirfd, const char* newpath,
                     int flag) {
  if (flag & ~AT_SYMLINK_FOLLOW) return failure(errc::inval);
  char obuf[path_buffer_size], nbuf[path_buffer_size];
  auto from = resolve_at(olddirfd, oldpath, obuf);
  if (!from) return failure(from.error());
  auto to = resolve_at(newdirfd, newpath, nbuf);
  if (!to) return failure(to.error());
  if (to->ends_in_dot) {
    if (auto r = require_existing_directory(*to); !r) return r;
    return failure(errc::exist);
  }
  const auto lookup =
      (flag & AT_SYMLINK_FOLLOW) ? sys::lookupflags::symlink_follow : sys::lookupflags{};
  return sys::path_link(from->dirfd, lookup, from->path, from->len, to->dirfd, to->path, to->len);
}

}  // namespace
}  // namespace wasishim::shim

using namespace wasishim::shim;

extern "C" {

int link(const char* oldpath, const char* newpath) {
  return to_c(link_at(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0));
}
int linkat(int olddirfd, const char* oldpath, int newdirfd, const char* newpath, int flag) {
  return to_c(link_at(olddirfd, oldpath, newdirfd, newpath, flag));
}

}  // extern "C"
