// Descriptor I/O shared by the entry points in unistd/, sys_uio/ and fcntl/
// (fd_io.cpp): each call looks the program's number up once and tells
// mmap-emu what it reads, writes, resizes or syncs.
#pragma once

#include <sys/types.h>
#include <sys/uio.h>

#include "shim.h"

namespace wasishim::shim {

// A descriptor lacking the right for a call was not opened for it: POSIX
// says EBADF (or, for ftruncate, EINVAL) where preview1 says notcapable.
template <class T>
result<T> as_descriptor_error(result<T> r, errc instead = errc::badf) {
  if (!r && r.error() == errc::notcapable) return failure(instead);
  return r;
}

// What a positioned call (pread, pwrite, lseek) acts on, from one lookup:
// a device the shim provides (which ignores the position), or a WASI
// descriptor; a pipe end has no position (ESPIPE).
struct positioned_target {
  description* device;
  sys::fd_t wasi;
};
result<positioned_target> positioned(int fd);

result<size_t> read_vec(int program_fd, const struct iovec* iov, int count);
result<size_t> pread_vec(int program_fd, const struct iovec* iov, int count, off_t offset);
result<size_t> write_vec(int program_fd, const struct iovec* iov, int count);
result<size_t> pwrite_vec(int program_fd, const struct iovec* iov, int count, off_t offset);
// ftruncate's work: a new size, with the mappings told before and after.
result<void> resize(int program_fd, off_t length);
// fsync and fdatasync make stores through shared mappings durable, as on
// Linux: they are written back first.
result<void> before_sync(int fd);
// The size of the regular file WASI descriptor `fd` names, or -1.
int64_t file_size(int fd);

}  // namespace wasishim::shim
