// Descriptor I/O: read/write and their positioned and vectored forms, lseek,
// close, ftruncate/truncate, sync, fallocate and fadvise. Every call that
// reads, writes, resizes or syncs a file tells mmap-emu (when it is linked
// and maps a file), so mappings stay coherent with descriptor I/O
// (wasishim/mman_hooks.h); mmap-emu hears of the WASI descriptor, whichever
// dup'ed number the program used. Pipe ends go to pipe.cpp, the devices the
// shim provides to devices.cpp; dup and renumbering to dup.cpp.
#include <fcntl.h>
#include <limits.h>
#include <sys/uio.h>
#include <unistd.h>

#include "mman_calls.h"
#include "shim.h"

namespace wasishim::shim {

namespace {

static_assert(sizeof(struct iovec) == sizeof(sys::iovec));

size_t total_length(const struct iovec* iov, int count) {
  size_t n = 0;
  for (int i = 0; i < count; ++i) n += iov[i].iov_len;
  return n;
}

// A descriptor lacking the right for a call was not opened for it: POSIX
// says EBADF (or, for ftruncate, EINVAL) where preview1 says notcapable.
template <class T>
result<T> as_descriptor_error(result<T> r, errc instead = errc::badf) {
  if (!r && r.error() == errc::notcapable) return failure(instead);
  return r;
}

result<void> check_iov_count(int count) {
  if (count < 0 || count > IOV_MAX) return failure(errc::inval);
  return {};
}

result<void> before_read(int fd, int64_t offset, size_t len) {
  if (int e = __wasishim_mman_before_read(fd, offset, len)) return failure(static_cast<errc>(e));
  return {};
}

// The current offset, for the hooks; -1 on a descriptor without one (a
// pipe, tty or socket: the hooks then only make stores visible).
int64_t current_offset(int fd) {
  auto pos = sys::fd_tell(static_cast<sys::fd_t>(fd));
  return pos ? static_cast<int64_t>(*pos) : -1;
}

int64_t file_size(int fd) {
  auto st = sys::fd_filestat_get(static_cast<sys::fd_t>(fd));
  if (!st || st->filetype != sys::filetype::regular_file) return -1;
  return static_cast<int64_t>(st->size);
}

bool appends(int fd) {
  auto st = sys::fd_fdstat_get(static_cast<sys::fd_t>(fd));
  return st && sys::has(st->fs_flags, sys::fdflags::append);
}

// Tells mmap-emu about `written` bytes of `iov` that landed at `offset`
// (-1: not in a file).
void after_write(int fd, int64_t offset, const struct iovec* iov, int count, size_t written) {
  if (offset < 0) {
    __wasishim_mman_after_write(fd, -1, nullptr, 0);
    return;
  }
  int64_t at = offset;
  for (int i = 0; i < count && written > 0; ++i) {
    size_t n = iov[i].iov_len < written ? iov[i].iov_len : written;
    if (n > 0) __wasishim_mman_after_write(fd, at, iov[i].iov_base, n);
    at += static_cast<int64_t>(n);
    written -= n;
  }
}

// What a positioned call (pread, pwrite, lseek) acts on, from one lookup:
// a device the shim provides (which ignores the position), or a WASI
// descriptor; a pipe end has no position (ESPIPE).
struct positioned_target {
  description* device;
  sys::fd_t wasi;
};
result<positioned_target> positioned(int fd) {
  auto f = lookup(fd);
  if (!f) return failure(f.error());
  if (f->is_device()) return positioned_target{f->d, 0};
  if (f->in_instance()) return failure(errc::spipe);
  return positioned_target{nullptr, f->wasi};
}

// A pipe end or a device inside the instance: a point where stores become
// visible too.
result<size_t> read_in_instance(description& d, const struct iovec* iov, int count) {
  if (mman_active()) {
    if (auto r = before_read(-1, -1, 0); !r) return failure(r.error());
  }
  if (d.kind == description_kind::device) return device_read(d, iov, count);
  return pipe_read(d, iov, count);
}

result<size_t> write_in_instance(description& d, const struct iovec* iov, int count) {
  auto n = d.kind == description_kind::device ? device_write(d, iov, count)
                                               : pipe_write(d, iov, count);
  if (n && mman_active()) after_write(-1, -1, iov, count, *n);
  return n;
}

result<size_t> read_vec(int program_fd, const struct iovec* iov, int count) {
  auto file = lookup(program_fd);
  if (!file) return failure(file.error());
  if (file->in_instance()) return read_in_instance(*file->d, iov, count);
  const int fd = static_cast<int>(file->wasi);
  if (auto r = check_iov_count(count); !r) return failure(r.error());
  if (mman_active()) {
    if (auto r = before_read(fd, current_offset(fd), total_length(iov, count)); !r)
      return failure(r.error());
  }
  return as_descriptor_error(sys::fd_read(
      static_cast<sys::fd_t>(fd), reinterpret_cast<const sys::iovec*>(iov), static_cast<size_t>(count)));
}

result<size_t> pread_vec(int program_fd, const struct iovec* iov, int count, off_t offset) {
  auto target = positioned(program_fd);
  if (!target) return failure(target.error());
  if (target->device) {
    if (offset < 0) return failure(errc::inval);
    return read_in_instance(*target->device, iov, count);
  }
  const int fd = static_cast<int>(target->wasi);
  if (auto r = check_iov_count(count); !r) return failure(r.error());
  if (offset < 0) return failure(errc::inval);
  if (mman_active()) {
    if (auto r = before_read(fd, offset, total_length(iov, count)); !r) return failure(r.error());
  }
  return as_descriptor_error(sys::fd_pread(static_cast<sys::fd_t>(fd),
                                           reinterpret_cast<const sys::iovec*>(iov),
                                           static_cast<size_t>(count),
                                           static_cast<sys::filesize_t>(offset)));
}

result<size_t> write_vec(int program_fd, const struct iovec* iov, int count) {
  auto file = lookup(program_fd);
  if (!file) return failure(file.error());
  if (file->in_instance()) return write_in_instance(*file->d, iov, count);
  const int fd = static_cast<int>(file->wasi);
  if (auto r = check_iov_count(count); !r) return failure(r.error());
  const auto* ciov = reinterpret_cast<const sys::ciovec*>(iov);
  auto n = as_descriptor_error(
      sys::fd_write(static_cast<sys::fd_t>(fd), ciov, static_cast<size_t>(count)));
  if (!n || !mman_active()) return n;
  // The offset after the write, minus what was written, is where the bytes
  // landed, for O_APPEND too.
  const int64_t end = current_offset(fd);
  after_write(fd, end >= 0 ? end - static_cast<int64_t>(*n) : -1, iov, count, *n);
  return n;
}

result<size_t> pwrite_vec(int program_fd, const struct iovec* iov, int count, off_t offset) {
  auto target = positioned(program_fd);
  if (!target) return failure(target.error());
  if (target->device) {
    if (offset < 0) return failure(errc::inval);
    return write_in_instance(*target->device, iov, count);
  }
  const int fd = static_cast<int>(target->wasi);
  if (auto r = check_iov_count(count); !r) return failure(r.error());
  if (offset < 0) return failure(errc::inval);
  const auto* ciov = reinterpret_cast<const sys::ciovec*>(iov);
  const bool active = mman_active();
  // Linux's pwrite on an O_APPEND descriptor appends whatever the offset:
  // the bytes land at the old end of file, and the mappings must show them
  // there (-1 if the size cannot be known: then only a visibility point).
  int64_t landed = offset;
  if (active && appends(fd)) landed = file_size(fd);
  auto n = as_descriptor_error(sys::fd_pwrite(static_cast<sys::fd_t>(fd), ciov,
                                              static_cast<size_t>(count),
                                              static_cast<sys::filesize_t>(offset)));
  if (n && active) after_write(fd, landed, iov, count, *n);
  return n;
}

result<void> resize(int program_fd, off_t length) {
  auto wasi = wasi_fd(program_fd, errc::inval);
  if (!wasi) return failure(wasi.error());
  const int fd = static_cast<int>(*wasi);
  if (length < 0) return failure(errc::inval);
  const bool active = mman_active();
  if (active) {
    if (int e = __wasishim_mman_before_truncate(fd, length)) return failure(static_cast<errc>(e));
  }
  auto r = as_descriptor_error(
      sys::fd_filestat_set_size(static_cast<sys::fd_t>(fd), static_cast<sys::filesize_t>(length)),
      errc::inval);
  if (!r) return r;
  if (active) __wasishim_mman_after_resize(fd, length);
  return {};
}

// fsync and fdatasync make stores through shared mappings durable, as on
// Linux: they are written back first.
result<void> before_sync(int fd) {
  if (!mman_active()) return {};
  if (int e = __wasishim_mman_before_sync(fd)) return failure(static_cast<errc>(e));
  return {};
}

}  // namespace
}  // namespace wasishim::shim

using namespace wasishim::shim;
using namespace wasishim;

extern "C" {

ssize_t read(int fd, void* buf, size_t n) {
  struct iovec v = {buf, n};
  return static_cast<ssize_t>(to_c(read_vec(fd, &v, 1)));
}

ssize_t readv(int fd, const struct iovec* iov, int count) {
  return static_cast<ssize_t>(to_c(read_vec(fd, iov, count)));
}

ssize_t pread(int fd, void* buf, size_t n, off_t offset) {
  struct iovec v = {buf, n};
  return static_cast<ssize_t>(to_c(pread_vec(fd, &v, 1, offset)));
}

ssize_t preadv(int fd, const struct iovec* iov, int count, off_t offset) {
  return static_cast<ssize_t>(to_c(pread_vec(fd, iov, count, offset)));
}

ssize_t write(int fd, const void* buf, size_t n) {
  struct iovec v = {const_cast<void*>(buf), n};
  return static_cast<ssize_t>(to_c(write_vec(fd, &v, 1)));
}

ssize_t writev(int fd, const struct iovec* iov, int count) {
  return static_cast<ssize_t>(to_c(write_vec(fd, iov, count)));
}

ssize_t pwrite(int fd, const void* buf, size_t n, off_t offset) {
  struct iovec v = {const_cast<void*>(buf), n};
  return static_cast<ssize_t>(to_c(pwrite_vec(fd, &v, 1, offset)));
}

ssize_t pwritev(int fd, const struct iovec* iov, int count, off_t offset) {
  return static_cast<ssize_t>(to_c(pwrite_vec(fd, iov, count, offset)));
}

off_t __lseek(int fd, off_t offset, int whence) {
  auto target = positioned(fd);
  if (!target) return fail(target.error());
  if (target->device) return 0;  // as Linux's mem devices: any seek, offset 0
  if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END) return fail(errc::inval);
  auto pos = as_descriptor_error(
      sys::fd_seek(target->wasi, offset, static_cast<sys::whence>(whence)),
      errc::spipe);
  if (!pos) return fail(pos.error());
  return static_cast<off_t>(*pos);
}
off_t lseek(int fd, off_t offset, int whence) __attribute__((weak, alias("__lseek")));

// wasi-libc's <unistd.h> turns lseek(fd, 0, SEEK_CUR) into this call.
off_t __wasilibc_tell(int fd) {
  auto target = positioned(fd);
  if (!target) return fail(target.error());
  if (target->device) return 0;
  auto pos = as_descriptor_error(sys::fd_tell(target->wasi), errc::spipe);
  if (!pos) return fail(pos.error());
  return static_cast<off_t>(*pos);
}

int close(int fd) { return to_c(close_fd(fd)); }

int ftruncate(int fd, off_t length) { return to_c(resize(fd, length)); }

int truncate(const char* path, off_t length) {
  if (length < 0) return fail(errc::inval);
  auto fd = open_at(AT_FDCWD, path, O_WRONLY, 0);
  if (!fd) return fail(fd.error());
  auto r = resize(static_cast<int>(*fd), length);
  (void)close_fd(static_cast<int>(*fd));
  return to_c(r);
}

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
  // A read-only descriptor has no fd_datasync right (see open.cpp); POSIX
  // still allows the call, and fd_sync does at least as much.
  if (!r && r.error() == errc::notcapable) r = sys::fd_sync(*wasi);
  return to_c(as_descriptor_error(r, errc::inval));
}

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
