// Descriptor operations other than I/O: flags, rights, size, times, sync,
// advice, allocation and renumbering.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "wasi/context.h"
#include "wasi/errno_map.h"
#include "wasi/times.h"

namespace wasishim {

using wasi::Errno;
namespace right = wasi::right;

namespace {

constexpr uint64_t kMaxOff = static_cast<uint64_t>(INT64_MAX);

Errno retry_fsync(int (*fn)(int), int fd) {
  int r;
  do r = fn(fd);
  while (r != 0 && errno == EINTR);
  return r == 0 ? Errno::success : wasi::from_host_errno(errno);
}

}  // namespace

Errno WasiContext::fd_advise(M&, u32 fd, u64 offset, u64 len, u32 advice) {
  auto e = fds_.get(fd, right::fd_advise);
  if (!e) return e.error;
  int host_advice;
  switch (static_cast<wasi::Advice>(advice)) {
    case wasi::Advice::normal: host_advice = POSIX_FADV_NORMAL; break;
    case wasi::Advice::sequential: host_advice = POSIX_FADV_SEQUENTIAL; break;
    case wasi::Advice::random: host_advice = POSIX_FADV_RANDOM; break;
    case wasi::Advice::willneed: host_advice = POSIX_FADV_WILLNEED; break;
    case wasi::Advice::dontneed: host_advice = POSIX_FADV_DONTNEED; break;
    case wasi::Advice::noreuse: host_advice = POSIX_FADV_NOREUSE; break;
    default: return Errno::inval;
  }
  if (offset > kMaxOff || len > kMaxOff) return Errno::inval;
  // Advice is a hint: a directory accepts it and ignores it.
  if (e->type == wasi::Filetype::directory) return Errno::success;
  int r = posix_fadvise(e->host.get(), static_cast<off_t>(offset), static_cast<off_t>(len), host_advice);
  return wasi::from_host_errno(r);
}

Errno WasiContext::fd_allocate(M&, u32 fd, u64 offset, u64 len) {
  auto e = typed_entry(
      fd, right::fd_allocate, [](wasi::Filetype t) { return t != wasi::Filetype::directory; },
      Errno::badf);
  if (!e) return e.error;
  if (len == 0 || offset > kMaxOff || len > kMaxOff - offset) return Errno::inval;
  int r;
  do r = posix_fallocate(e->host.get(), static_cast<off_t>(offset), static_cast<off_t>(len));
  while (r == EINTR);
  return wasi::from_host_errno(r);
}

Errno WasiContext::fd_datasync(M&, u32 fd) {
  auto e = fds_.get(fd, right::fd_datasync);
  if (!e) return e.error;
  return retry_fsync(::fdatasync, e->host.get());
}

Errno WasiContext::fd_sync(M&, u32 fd) {
  auto e = fds_.get(fd, right::fd_sync);
  if (!e) return e.error;
  return retry_fsync(::fsync, e->host.get());
}

Errno WasiContext::fd_fdstat_set_flags(M&, u32 fd, u32 flags) {
  auto e = fds_.get(fd, right::fd_fdstat_set_flags);
  if (!e) return e.error;
  if (flags & ~uint32_t{wasi::fdflag::all}) return Errno::inval;
  // Linux cannot change O_SYNC/O_DSYNC/O_RSYNC on an open descriptor
  // (fcntl silently ignores them), so asking to change them is refused
  // rather than reported as done.
  constexpr uint16_t sync_flags = wasi::fdflag::dsync | wasi::fdflag::rsync | wasi::fdflag::sync;
  if ((flags & sync_flags) != (e->fdflags & sync_flags)) return Errno::inval;
  int fl = fcntl(e->host.get(), F_GETFL);
  if (fl < 0) return wasi::from_host_errno(errno);
  fl &= ~(O_APPEND | O_NONBLOCK);
  if (flags & wasi::fdflag::append) fl |= O_APPEND;
  if (flags & wasi::fdflag::nonblock) fl |= O_NONBLOCK;
  if (fcntl(e->host.get(), F_SETFL, fl) != 0) return wasi::from_host_errno(errno);
  e->fdflags = static_cast<uint16_t>(flags);
  return Errno::success;
}

Errno WasiContext::fd_fdstat_set_rights(M&, u32 fd, u64 base, u64 inheriting) {
  auto e = fds_.get(fd);
  if (!e) return e.error;
  // Rights can only ever be dropped.
  if ((base & ~e->rights_base) || (inheriting & ~e->rights_inheriting)) return Errno::notcapable;
  e->rights_base = base;
  e->rights_inheriting = inheriting;
  return Errno::success;
}

Errno WasiContext::fd_filestat_set_size(M&, u32 fd, u64 size) {
  auto e = fds_.get(fd, right::fd_filestat_set_size);
  if (!e) return e.error;
  if (size > kMaxOff) return Errno::inval;
  int r;
  do r = ftruncate(e->host.get(), static_cast<off_t>(size));
  while (r != 0 && errno == EINTR);
  return r == 0 ? Errno::success : wasi::from_host_errno(errno);
}

Errno WasiContext::fd_filestat_set_times(M&, u32 fd, u64 atim, u64 mtim, u32 fst_flags) {
  auto e = fds_.get(fd, right::fd_filestat_set_times);
  if (!e) return e.error;
  std::array<timespec, 2> ts{};
  if (auto err = wasi::times_for(atim, mtim, fst_flags, ts); err != Errno::success) return err;
  if (futimens(e->host.get(), ts.data()) != 0) return wasi::from_host_errno(errno);
  return Errno::success;
}

Errno WasiContext::fd_renumber(M&, u32 fd, u32 to) {
  return fds_.renumber(fd, to);
}

}  // namespace wasishim
