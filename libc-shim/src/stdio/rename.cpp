// rename and renameat (wasi-libc's __wasilibc_* entry
// points for them are generated from libc-shim/wasilibc-aliases.txt).
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include "shim.h"

namespace wasishim::shim {
namespace {

result<void> rename_at(int olddirfd, const char* oldpath, int newdirfd, const char* newpath) {
  char obuf[path_buffer_size], nbuf[path_buffer_size];
  auto from = resolve_at(olddirfd, oldpath, obuf);
  if (!from) return failure(from.error());
  auto to = resolve_at(newdirfd, newpath, nbuf);
  if (!to) return failure(to.error());
  const resolved_path* ends[] = {&*from, &*to};
  for (const resolved_path* end : ends) {
    if (!end->ends_in_dot) continue;
    if (auto r = require_existing_directory(*end); !r) return r;
    return failure(errc::busy);
  }
  if (strcmp(from->path, ".") == 0 || strcmp(to->path, ".") == 0) return failure(errc::busy);
  return sys::path_rename(from->dirfd, from->path, from->len, to->dirfd, to->path, to->len);
}

}  // namespace
}  // namespace wasishim::shim

using namespace wasishim::shim;

extern "C" {

int rename(const char* oldpath, const char* newpath) {
  return to_c(rename_at(AT_FDCWD, oldpath, AT_FDCWD, newpath));
}
int renameat(int olddirfd, const char* oldpath, int newdirfd, const char* newpath) {
  return to_c(rename_at(olddirfd, oldpath, newdirfd, newpath));
}

}  // extern "C"
