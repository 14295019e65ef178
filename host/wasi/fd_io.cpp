// Reading, writing and positioning on descriptors.
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>

#include "wasi/context.h"
#include "wasi/errno_map.h"
#include "wasi/sigpipe_guard.h"

namespace wasishim {

using wasi::Errno;
namespace right = wasi::right;

namespace {

Errno host_error() { return wasi::from_host_errno(errno); }

// One buffer is by far the commonest case (wasi-libc's read and write pass
// one); the plain calls cost less in the kernel than their vectored forms.
ssize_t host_read(int fd, const std::vector<::iovec>& v) {
  return v.size() == 1 ? ::read(fd, v[0].iov_base, v[0].iov_len)
                       : ::readv(fd, v.data(), static_cast<int>(v.size()));
}
ssize_t host_write(int fd, const std::vector<::iovec>& v) {
  return v.size() == 1 ? ::write(fd, v[0].iov_base, v[0].iov_len)
                       : ::writev(fd, v.data(), static_cast<int>(v.size()));
}
ssize_t host_pread(int fd, const std::vector<::iovec>& v, off_t offset) {
  return v.size() == 1 ? ::pread(fd, v[0].iov_base, v[0].iov_len, offset)
                       : ::preadv(fd, v.data(), static_cast<int>(v.size()), offset);
}
ssize_t host_pwrite(int fd, const std::vector<::iovec>& v, off_t offset) {
  return v.size() == 1 ? ::pwrite(fd, v[0].iov_base, v[0].iov_len, offset)
                       : ::pwritev(fd, v.data(), static_cast<int>(v.size()), offset);
}

}  // namespace

Errno WasiContext::fd_read(M& mem, u32 fd, u32 iovs, u32 iovs_len, u32 nread_out) {
  auto e = file_entry(fd, right::fd_read);
  if (!e) return e.error;
  if (!mem.in_bounds(nread_out, 4)) return Errno::fault;
  std::vector<::iovec>& v = iov_scratch_;
  if (auto err = gather_iovs(mem, iovs, iovs_len, v); err != Errno::success) return err;
  ssize_t n;
  do n = host_read(e->host.get(), v);
  while (n < 0 && errno == EINTR);
  if (n < 0) return host_error();
  stats_.read_calls++;
  stats_.bytes_read += static_cast<uint64_t>(n);
  mem.store<uint32_t>(nread_out, static_cast<uint32_t>(n));
  return Errno::success;
}

Errno WasiContext::fd_write(M& mem, u32 fd, u32 iovs, u32 iovs_len, u32 nwritten_out) {
  auto e = file_entry(fd, right::fd_write);
  if (!e) return e.error;
  if (uint16_t f = injected_write_failure(fd)) return static_cast<Errno>(f);
  if (!mem.in_bounds(nwritten_out, 4)) return Errno::fault;
  std::vector<::iovec>& v = iov_scratch_;
  if (auto err = gather_iovs(mem, iovs, iovs_len, v); err != Errno::success) return err;
  ssize_t n;
  if (e->raises_sigpipe) {
    // A reader that went away is the guest's EPIPE, never the host's death.
    SigpipeGuard guard;
    do n = host_write(e->host.get(), v);
    while (n < 0 && errno == EINTR);
    if (n < 0 && errno == EPIPE) guard.discard_raised();
  } else {
    do n = host_write(e->host.get(), v);
    while (n < 0 && errno == EINTR);
  }
  if (n < 0) return host_error();
  stats_.write_calls++;
  stats_.bytes_written += static_cast<uint64_t>(n);
  mem.store<uint32_t>(nwritten_out, static_cast<uint32_t>(n));
  return Errno::success;
}

Errno WasiContext::fd_pread(M& mem, u32 fd, u32 iovs, u32 iovs_len, u64 offset, u32 nread_out) {
  auto e = file_entry(fd, right::fd_read | right::fd_seek);
  if (!e) return e.error;
  if (!mem.in_bounds(nread_out, 4)) return Errno::fault;
  if (offset > static_cast<u64>(INT64_MAX)) return Errno::inval;
  std::vector<::iovec>& v = iov_scratch_;
  if (auto err = gather_iovs(mem, iovs, iovs_len, v); err != Errno::success) return err;
  ssize_t n;
  do n = host_pread(e->host.get(), v, static_cast<off_t>(offset));
  while (n < 0 && errno == EINTR);
  if (n < 0) return host_error();
  stats_.read_calls++;
  stats_.bytes_read += static_cast<uint64_t>(n);
  mem.store<uint32_t>(nread_out, static_cast<uint32_t>(n));
  return Errno::success;
}

Errno WasiContext::fd_pwrite(M& mem, u32 fd, u32 iovs, u32 iovs_len, u64 offset, u32 nwritten_out) {
  auto e = file_entry(fd, right::fd_write | right::fd_seek);
  if (!e) return e.error;
  if (uint16_t f = injected_write_failure(fd)) return static_cast<Errno>(f);
  if (!mem.in_bounds(nwritten_out, 4)) return Errno::fault;
  if (offset > static_cast<u64>(INT64_MAX)) return Errno::inval;
  std::vector<::iovec>& v = iov_scratch_;
  if (auto err = gather_iovs(mem, iovs, iovs_len, v); err != Errno::success) return err;
  ssize_t n;
  do n = host_pwrite(e->host.get(), v, static_cast<off_t>(offset));
  while (n < 0 && errno == EINTR);
  if (n < 0) return host_error();
  stats_.write_calls++;
  stats_.bytes_written += static_cast<uint64_t>(n);
  mem.store<uint32_t>(nwritten_out, static_cast<uint32_t>(n));
  return Errno::success;
}

Errno WasiContext::fd_seek(M& mem, u32 fd, u64 offset, u32 whence, u32 newoffset_out) {
  int how;
  switch (static_cast<wasi::Whence>(whence)) {
    case wasi::Whence::set: how = SEEK_SET; break;
    case wasi::Whence::cur: how = SEEK_CUR; break;
    case wasi::Whence::end: how = SEEK_END; break;
    default: return Errno::inval;
  }
  // A pure query of the position needs only fd_tell (as wasi-libc's ftell does).
  wasi::Rights need = (how == SEEK_CUR && offset == 0) ? right::fd_tell : right::fd_seek;
  auto e = file_entry(fd, need);
  if (!e) return e.error;
  if (!mem.in_bounds(newoffset_out, 8)) return Errno::fault;
  off_t pos = lseek(e->host.get(), static_cast<off_t>(offset), how);
  if (pos < 0) return host_error();
  mem.store<uint64_t>(newoffset_out, static_cast<uint64_t>(pos));
  return Errno::success;
}

Errno WasiContext::fd_tell(M& mem, u32 fd, u32 offset_out) {
  auto e = file_entry(fd, right::fd_tell);
  if (!e) return e.error;
  if (!mem.in_bounds(offset_out, 8)) return Errno::fault;
  off_t pos = lseek(e->host.get(), 0, SEEK_CUR);
  if (pos < 0) return host_error();
  mem.store<uint64_t>(offset_out, static_cast<uint64_t>(pos));
  return Errno::success;
}

Errno WasiContext::fd_close(M&, u32 fd) {
  return fds_.close(fd);
}

}  // namespace wasishim
