// WASI errno values to the guest libc's POSIX errno values.
#include <errno.h>

#include "wasishim/syscalls.h"

namespace wasishim {

int posix_errno(sys::errc e) {
  // wasi-libc defines each E* constant as its WASI errno value, so the
  // mapping is the identity but for notcapable; this is checked at compile time so a libc with
  // other values fails to build instead of reporting wrong errors.
  static_assert(ENOENT == static_cast<int>(sys::errc::noent));
  static_assert(EBADF == static_cast<int>(sys::errc::badf));
  static_assert(ENOTCAPABLE == static_cast<int>(sys::errc::notcapable));
  // POSIX has no "not capable": a host refusing a path outside its sandbox
  // denied permission. (Descriptor calls map it to EBADF first, see fd_io.cpp.)
  if (e == sys::errc::notcapable) return EACCES;
  return static_cast<int>(e);
}

}  // namespace wasishim
