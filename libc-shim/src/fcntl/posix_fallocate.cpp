// posix_fallocate and posix_fadvise.
#include <fcntl.h>

#include "fd_io.h"
#include "mman_calls.h"
#include "shim.h"

using namespace wasishim::shim;
using namespace wasishim;

extern "C" {

// These two return the error number instead of setting errno, as POSIX says.
int posix_fallocate(int program_fd, off_t offset, off_t len) {
  auto wasi = wasi_fd(program_fd, errc::spipe);
  if (!wasi) return posix_errno(wasi.error());
  const int fd = static_cast<int>(*wasi);
  if (offset < 0 || len <= 0) return EINVAL;
  const int64_t old_size = mman_active() ? file_size(fd) : -1;
  auto r = as_descriptor_error(sys::fd_allocate(static_cast<sys::fd_t>(fd),
                                                static_cast<sys::filesize_t>(offset),
                                                static_cast<sys::filesize_t>(len)));
  if (!r) return posix_errno(r.error());
  if (old_size >= 0 && offset + len > old_size) __wasishim_mman_after_resize(fd, offset + len);
  return 0;
}

int posix_fadvise(int fd, off_t offset, off_t len, int advice) {
  auto wasi = wasi_fd(fd, errc::spipe);
  if (!wasi) return posix_errno(wasi.error());
  if (offset < 0 || len < 0 || advice < POSIX_FADV_NORMAL || advice > POSIX_FADV_NOREUSE)
    return EINVAL;
  auto r = sys::fd_advise(*wasi, static_cast<sys::filesize_t>(offset),
                          static_cast<sys::filesize_t>(len), static_cast<sys::advice>(advice));
  return r ? 0 : posix_errno(r.error());
}

}  // extern "C"
