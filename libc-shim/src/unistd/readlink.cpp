// readlink and readlinkat (wasi-libc's __wasilibc_* entry
// points for them are generated from libc-shim/wasilibc-aliases.txt).
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "shim.h"

namespace wasishim::shim {
namespace {

result<size_t> readlink_at(int dirfd, const char* path, char* out, size_t size) {
  if (size == 0) return failure(errc::inval);
  char buf[path_buffer_size];
  auto where = resolve_at(dirfd, path, buf);
  if (!where) return failure(where.error() == errc::noent && is_virtual_directory(buf)
                                 ? errc::inval
                                 : where.error());
  // Read the whole target, then truncate as POSIX does: some hosts fail
  // instead of truncating when the buffer is short.
  char target[path_buffer_size];
  auto n = sys::path_readlink(where->dirfd, where->path, where->len, target, sizeof target);
  if (!n) return failure(n.error());
  const size_t copied = *n < size ? *n : size;
  memcpy(out, target, copied);
  return copied;
}

}  // namespace
}  // namespace wasishim::shim

using namespace wasishim::shim;

extern "C" {

ssize_t readlink(const char* __restrict path, char* __restrict buf, size_t size) {
  return static_cast<ssize_t>(to_c(readlink_at(AT_FDCWD, path, buf, size)));
}
ssize_t readlinkat(int dirfd, const char* __restrict path, char* __restrict buf, size_t size) {
  return static_cast<ssize_t>(to_c(readlink_at(dirfd, path, buf, size)));
}

}  // extern "C"
