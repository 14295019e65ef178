// readv, writev, preadv, pwritev (fd_io.cpp does the work).
#include <sys/uio.h>

#include "fd_io.h"
#include "shim.h"

using namespace wasishim::shim;

extern "C" {

ssize_t readv(int fd, const struct iovec* iov, int count) {
  return static_cast<ssize_t>(to_c(read_vec(fd, iov, count)));
}

ssize_t writev(int fd, const struct iovec* iov, int count) {
  return static_cast<ssize_t>(to_c(write_vec(fd, iov, count)));
}

ssize_t preadv(int fd, const struct iovec* iov, int count, off_t offset) {
  return static_cast<ssize_t>(to_c(pread_vec(fd, iov, count, offset)));
}

ssize_t pwritev(int fd, const struct iovec* iov, int count, off_t offset) {
  return static_cast<ssize_t>(to_c(pwrite_vec(fd, iov, count, offset)));
}

}  // extern "C"
