// chdir, fchdir and getcwd, over the working directory the shim keeps
// (internal/cwd.cpp).
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "preopen_table.h"
#include "shim.h"

using namespace wasishim::shim;
using namespace wasishim;

extern "C" {

int chdir(const char* path) {
  if (path == nullptr) return fail(errc::fault);
  return to_c(set_directory(path));
}

int fchdir(int fd) {
  auto wasi = wasi_fd(fd, errc::notdir);
  if (!wasi) return fail(wasi.error());
  if (const char* known = fd_path(fd)) return to_c(set_directory(known));
  preopen_table& t = preopens();
  for (size_t i = 0; i < t.size(); ++i)
    if (t.fd_at(i) == static_cast<int>(*wasi)) return to_c(set_directory(t.mount_at(i)));
  auto st = sys::fd_fdstat_get(*wasi);
  if (!st) return fail(st.error());
  if (st->fs_filetype != sys::filetype::directory) return fail(errc::notdir);
  // A directory descriptor the shim did not open (inherited, say) has no
  // name the shim knows.
  return fail(errc::notsup);
}

char* getcwd(char* buf, size_t size) {
  const char* cwd = current_directory();
  const size_t need = strlen(cwd) + 1;
  if (buf == nullptr) {
    if (size == 0) size = need;
    if (size < need) return null_with<char>(errc::range);
    buf = static_cast<char*>(malloc(size));
    if (buf == nullptr) return null_with<char>(errc::nomem);
  } else if (size == 0) {
    return null_with<char>(errc::inval);
  } else if (size < need) {
    return null_with<char>(errc::range);
  }
  memcpy(buf, cwd, need);
  return buf;
}

}  // extern "C"
