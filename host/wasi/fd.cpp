// The fd_* functions but fd_readdir (fd_readdir.cpp, with its directory
// streams): I/O and positioning, metadata, flags and rights, size, times,
// sync, advice, allocation, renumbering and closing.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "wasi/context.h"
#include "wasi/errno_map.h"
#include "wasi/filestat.h"
#include "wasi/sigpipe_guard.h"
#include "wasi/times.h"

namespace wasishim {

using wasi::Errno;
namespace right = wasi::right;

// Reading, writing and positioning on descriptors.
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

template <class HostIo>
Errno WasiContext::transfer(M& mem, u32 iovs, u32 iovs_len, u32 count_out, Transfer kind,
                            HostIo host_io) {
  if (!mem.in_bounds(count_out, 4)) return Errno::fault;
  std::vector<::iovec>& v = iov_scratch_;
  if (auto err = gather_iovs(mem, iovs, iovs_len, v); err != Errno::success) return err;
  ssize_t n;
  do n = host_io(v);
  while (n < 0 && errno == EINTR);
  if (n < 0) return host_error();
  if (kind == Transfer::read) {
    stats_.read_calls++;
    stats_.bytes_read += static_cast<uint64_t>(n);
  } else {
    stats_.write_calls++;
    stats_.bytes_written += static_cast<uint64_t>(n);
  }
  mem.store<uint32_t>(count_out, static_cast<uint32_t>(n));
  return Errno::success;
}

Errno WasiContext::fd_read(M& mem, u32 fd, u32 iovs, u32 iovs_len, u32 nread_out) {
  auto e = file_entry(fd, right::fd_read);
  if (!e) return e.error;
  const int host = e->host.get();
  return transfer(mem, iovs, iovs_len, nread_out, Transfer::read,
                  [host](const std::vector<::iovec>& v) { return host_read(host, v); });
}

Errno WasiContext::fd_write(M& mem, u32 fd, u32 iovs, u32 iovs_len, u32 nwritten_out) {
  auto e = file_entry(fd, right::fd_write);
  if (!e) return e.error;
  const int host = e->host.get();
  if (!e->raises_sigpipe) {
    return transfer(mem, iovs, iovs_len, nwritten_out, Transfer::write,
                    [host](const std::vector<::iovec>& v) { return host_write(host, v); });
  }
  // A reader that went away is the guest's EPIPE, never the host's death.
  return transfer(mem, iovs, iovs_len, nwritten_out, Transfer::write,
                  [host](const std::vector<::iovec>& v) {
                    SigpipeGuard guard;
                    ssize_t n = host_write(host, v);
                    if (n < 0 && errno == EPIPE) guard.discard_raised();
                    return n;
                  });
}

Errno WasiContext::fd_pread(M& mem, u32 fd, u32 iovs, u32 iovs_len, u64 offset, u32 nread_out) {
  auto e = file_entry(fd, right::fd_read | right::fd_seek);
  if (!e) return e.error;
  if (offset > static_cast<u64>(INT64_MAX)) return Errno::inval;
  const int host = e->host.get();
  return transfer(mem, iovs, iovs_len, nread_out, Transfer::read,
                  [host, offset](const std::vector<::iovec>& v) {
                    return host_pread(host, v, static_cast<off_t>(offset));
                  });
}

Errno WasiContext::fd_pwrite(M& mem, u32 fd, u32 iovs, u32 iovs_len, u64 offset, u32 nwritten_out) {
  auto e = file_entry(fd, right::fd_write | right::fd_seek);
  if (!e) return e.error;
  if (offset > static_cast<u64>(INT64_MAX)) return Errno::inval;
  const int host = e->host.get();
  return transfer(mem, iovs, iovs_len, nwritten_out, Transfer::write,
                  [host, offset](const std::vector<::iovec>& v) {
                    return host_pwrite(host, v, static_cast<off_t>(offset));
                  });
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

// Descriptor operations other than I/O: flags, rights, size, times, sync,
// advice, allocation and renumbering.
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

// Descriptor metadata: fdstat, filestat and preopen information.
Errno WasiContext::fd_fdstat_get(M& mem, u32 fd, u32 out) {
  auto e = fds_.get(fd);
  if (!e) return e.error;
  auto w = mem.bytes(out, wasi::layout::fdstat_size);
  if (!w) return Errno::fault;
  std::fill(w->begin(), w->end(), 0);
  GuestMemory::put<uint8_t>(*w, 0, static_cast<uint8_t>(e->type));
  GuestMemory::put<uint16_t>(*w, 2, e->fdflags);
  GuestMemory::put<uint64_t>(*w, 8, e->rights_base);
  GuestMemory::put<uint64_t>(*w, 16, e->rights_inheriting);
  return Errno::success;
}

Errno WasiContext::fd_filestat_get(M& mem, u32 fd, u32 out) {
  auto e = fds_.get(fd, right::fd_filestat_get);
  if (!e) return e.error;
  auto w = mem.bytes(out, wasi::layout::filestat_size);
  if (!w) return Errno::fault;
  struct stat st {};
  if (fstat(e->host.get(), &st) != 0) return wasi::from_host_errno(errno);
  wasi::put_filestat(*w, st);
  return Errno::success;
}

Errno WasiContext::fd_prestat_get(M& mem, u32 fd, u32 out) {
  auto e = fds_.get(fd);
  if (!e) return e.error;
  if (!e->is_preopen) return Errno::badf;
  auto w = mem.bytes(out, wasi::layout::prestat_size);
  if (!w) return Errno::fault;
  std::fill(w->begin(), w->end(), 0);
  GuestMemory::put<uint8_t>(*w, 0, wasi::preopentype_dir);
  GuestMemory::put<uint32_t>(*w, 4, static_cast<uint32_t>(e->preopen_name.size()));
  return Errno::success;
}

Errno WasiContext::fd_prestat_dir_name(M& mem, u32 fd, u32 path, u32 path_len) {
  auto e = fds_.get(fd);
  if (!e) return e.error;
  if (!e->is_preopen) return Errno::badf;
  // The spec leaves a short buffer unspecified; wasmtime and uvwasi report
  // nametoolong rather than truncating, and so does this host.
  if (path_len < e->preopen_name.size()) return Errno::nametoolong;
  auto w = mem.bytes(path, e->preopen_name.size());
  if (!w) return Errno::fault;
  std::memcpy(w->data(), e->preopen_name.data(), e->preopen_name.size());
  return Errno::success;
}

}  // namespace wasishim
