// read and pread (fd_io.cpp does the work).
#include <unistd.h>

#include "fd_io.h"
#include "shim.h"

using namespace wasishim::shim;

extern "C" {

ssize_t read(int fd, void* buf, size_t n) {
  struct iovec v = {buf, n};
  return static_cast<ssize_t>(to_c(read_vec(fd, &v, 1)));
}

ssize_t pread(int fd, void* buf, size_t n, off_t offset) {
  struct iovec v = {buf, n};
  return static_cast<ssize_t>(to_c(pread_vec(fd, &v, 1, offset)));
}

}  // extern "C"
