// fsync and fdatasync: stores through shared mappings are written back first.
#include <unistd.h>

#include "fd_io.h"
#include "shim.h"

using namespace wasishim::shim;
using namespace wasishim;

extern "C" {

int fsync(int fd) {
  auto wasi = wasi_fd(fd, errc::inval);
  if (!wasi) return fail(wasi.error());
  if (auto r = before_sync(static_cast<int>(*wasi)); !r) return fail(r.error());
  return to_c(as_descriptor_error(sys::fd_sync(*wasi), errc::inval));
}

int fdatasync(int fd) {
  auto wasi = wasi_fd(fd, errc::inval);
  if (!wasi) return fail(wasi.error());
  if (auto w = before_sync(static_cast<int>(*wasi)); !w) return fail(w.error());
  auto r = sys::fd_datasync(*wasi);
  // A read-only descriptor has no fd_datasync right (see fcntl/open.cpp); POSIX
  // still allows the call, and fd_sync does at least as much.
  if (!r && r.error() == errc::notcapable) r = sys::fd_sync(*wasi);
  return to_c(as_descriptor_error(r, errc::inval));
}

}  // extern "C"
