// Descriptor I/O under read/write and their positioned and vectored forms,
// lseek, ftruncate, fsync and posix_fallocate (the entry points are in
// unistd/, sys_uio/ and fcntl/). Every call that reads, writes, resizes or
// syncs a file tells mmap-emu (when it is linked and maps a file), so
// mappings stay coherent with descriptor I/O (wasishim/mman_hooks.h);
// mmap-emu hears of the WASI descriptor, whichever dup'ed number the program
// used. Pipe ends go to pipe_ends.cpp, the devices the shim provides to
// devices.cpp.
#include <fcntl.h>
#include <limits.h>
#include <sys/uio.h>
#include <unistd.h>

#include "fd_io.h"
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

}  // namespace

int64_t file_size(int fd) {
  auto st = sys::fd_filestat_get(static_cast<sys::fd_t>(fd));
  if (!st || st->filetype != sys::filetype::regular_file) return -1;
  return static_cast<int64_t>(st->size);
}

result<positioned_target> positioned(int fd) {
  auto f = lookup(fd);
  if (!f) return failure(f.error());
  if (f->is_device()) return positioned_target{f->d, 0};
  if (f->in_instance()) return failure(errc::spipe);
  return positioned_target{nullptr, f->wasi};
}

namespace {

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

}  // namespace

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

}  // namespace wasishim::shim
