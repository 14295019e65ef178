// The one place a guest library sets errno: the mapping from WASI errno
// values to the guest libc's, and the C entries' way out through it, for
// libc-shim's C entries and mmap-emu's alike, so an error reaches a program
// the same way whichever call reported it.
#pragma once

#include <errno.h>

#include "wasishim/syscalls.h"

namespace wasishim {

#if defined(__wasi__)
// wasi-libc defines each E* constant as its WASI errno value, so the mapping
// is the identity but for notcapable. Every value is checked at compile time,
// so a libc with other values fails to build instead of reporting wrong
// errors.
static_assert(E2BIG == static_cast<int>(sys::errc::toobig));
static_assert(EACCES == static_cast<int>(sys::errc::acces));
static_assert(EADDRINUSE == static_cast<int>(sys::errc::addrinuse));
static_assert(EADDRNOTAVAIL == static_cast<int>(sys::errc::addrnotavail));
static_assert(EAFNOSUPPORT == static_cast<int>(sys::errc::afnosupport));
static_assert(EAGAIN == static_cast<int>(sys::errc::again));
static_assert(EALREADY == static_cast<int>(sys::errc::already));
static_assert(EBADF == static_cast<int>(sys::errc::badf));
static_assert(EBADMSG == static_cast<int>(sys::errc::badmsg));
static_assert(EBUSY == static_cast<int>(sys::errc::busy));
static_assert(ECANCELED == static_cast<int>(sys::errc::canceled));
static_assert(ECHILD == static_cast<int>(sys::errc::child));
static_assert(ECONNABORTED == static_cast<int>(sys::errc::connaborted));
static_assert(ECONNREFUSED == static_cast<int>(sys::errc::connrefused));
static_assert(ECONNRESET == static_cast<int>(sys::errc::connreset));
static_assert(EDEADLK == static_cast<int>(sys::errc::deadlk));
static_assert(EDESTADDRREQ == static_cast<int>(sys::errc::destaddrreq));
static_assert(EDOM == static_cast<int>(sys::errc::dom));
static_assert(EDQUOT == static_cast<int>(sys::errc::dquot));
static_assert(EEXIST == static_cast<int>(sys::errc::exist));
static_assert(EFAULT == static_cast<int>(sys::errc::fault));
static_assert(EFBIG == static_cast<int>(sys::errc::fbig));
static_assert(EHOSTUNREACH == static_cast<int>(sys::errc::hostunreach));
static_assert(EIDRM == static_cast<int>(sys::errc::idrm));
static_assert(EILSEQ == static_cast<int>(sys::errc::ilseq));
static_assert(EINPROGRESS == static_cast<int>(sys::errc::inprogress));
static_assert(EINTR == static_cast<int>(sys::errc::intr));
static_assert(EINVAL == static_cast<int>(sys::errc::inval));
static_assert(EIO == static_cast<int>(sys::errc::io));
static_assert(EISCONN == static_cast<int>(sys::errc::isconn));
static_assert(EISDIR == static_cast<int>(sys::errc::isdir));
static_assert(ELOOP == static_cast<int>(sys::errc::loop));
static_assert(EMFILE == static_cast<int>(sys::errc::mfile));
static_assert(EMLINK == static_cast<int>(sys::errc::mlink));
static_assert(EMSGSIZE == static_cast<int>(sys::errc::msgsize));
static_assert(EMULTIHOP == static_cast<int>(sys::errc::multihop));
static_assert(ENAMETOOLONG == static_cast<int>(sys::errc::nametoolong));
static_assert(ENETDOWN == static_cast<int>(sys::errc::netdown));
static_assert(ENETRESET == static_cast<int>(sys::errc::netreset));
static_assert(ENETUNREACH == static_cast<int>(sys::errc::netunreach));
static_assert(ENFILE == static_cast<int>(sys::errc::nfile));
static_assert(ENOBUFS == static_cast<int>(sys::errc::nobufs));
static_assert(ENODEV == static_cast<int>(sys::errc::nodev));
static_assert(ENOENT == static_cast<int>(sys::errc::noent));
static_assert(ENOEXEC == static_cast<int>(sys::errc::noexec));
static_assert(ENOLCK == static_cast<int>(sys::errc::nolck));
static_assert(ENOLINK == static_cast<int>(sys::errc::nolink));
static_assert(ENOMEM == static_cast<int>(sys::errc::nomem));
static_assert(ENOMSG == static_cast<int>(sys::errc::nomsg));
static_assert(ENOPROTOOPT == static_cast<int>(sys::errc::noprotoopt));
static_assert(ENOSPC == static_cast<int>(sys::errc::nospc));
static_assert(ENOSYS == static_cast<int>(sys::errc::nosys));
static_assert(ENOTCONN == static_cast<int>(sys::errc::notconn));
static_assert(ENOTDIR == static_cast<int>(sys::errc::notdir));
static_assert(ENOTEMPTY == static_cast<int>(sys::errc::notempty));
static_assert(ENOTRECOVERABLE == static_cast<int>(sys::errc::notrecoverable));
static_assert(ENOTSOCK == static_cast<int>(sys::errc::notsock));
static_assert(ENOTSUP == static_cast<int>(sys::errc::notsup));
static_assert(ENOTTY == static_cast<int>(sys::errc::notty));
static_assert(ENXIO == static_cast<int>(sys::errc::nxio));
static_assert(EOVERFLOW == static_cast<int>(sys::errc::overflow));
static_assert(EOWNERDEAD == static_cast<int>(sys::errc::ownerdead));
static_assert(EPERM == static_cast<int>(sys::errc::perm));
static_assert(EPIPE == static_cast<int>(sys::errc::pipe));
static_assert(EPROTO == static_cast<int>(sys::errc::proto));
static_assert(EPROTONOSUPPORT == static_cast<int>(sys::errc::protonosupport));
static_assert(EPROTOTYPE == static_cast<int>(sys::errc::prototype));
static_assert(ERANGE == static_cast<int>(sys::errc::range));
static_assert(EROFS == static_cast<int>(sys::errc::rofs));
static_assert(ESPIPE == static_cast<int>(sys::errc::spipe));
static_assert(ESRCH == static_cast<int>(sys::errc::srch));
static_assert(ESTALE == static_cast<int>(sys::errc::stale));
static_assert(ETIMEDOUT == static_cast<int>(sys::errc::timedout));
static_assert(ETXTBSY == static_cast<int>(sys::errc::txtbsy));
static_assert(EXDEV == static_cast<int>(sys::errc::xdev));
static_assert(ENOTCAPABLE == static_cast<int>(sys::errc::notcapable));
#endif

// POSIX has no "not capable": a host refusing a path outside its sandbox
// denied permission. (Descriptor calls map it to EBADF first, see
// as_descriptor_error in libc-shim's internal/fd_io.h.)
constexpr int posix_errno(sys::errc e) {
  if (e == sys::errc::notcapable) return EACCES;
  return static_cast<int>(e);
}

// A C entry's failure: errno set from `e`, and -1.
inline int fail(sys::errc e) {
  errno = posix_errno(e);
  return -1;
}
// A C entry's return: 0 or the value, or fail()'s -1 with errno set.
inline int to_c(const sys::result<void>& r) { return r ? 0 : fail(r.error()); }
template <class T>
inline T to_c(const sys::result<T>& r) {
  if (!r) return static_cast<T>(fail(r.error()));
  return *r;
}

}  // namespace wasishim
