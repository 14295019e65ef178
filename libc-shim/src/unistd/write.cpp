// write and pwrite (fd_io.cpp does the work).
#include <unistd.h>

#include "fd_io.h"
#include "shim.h"

using namespace wasishim::shim;

extern "C" {

ssize_t write(int fd, const void* buf, size_t n) {
  struct iovec v = {const_cast<void*>(buf), n};
  return static_cast<ssize_t>(to_c(write_vec(fd, &v, 1)));
}

ssize_t pwrite(int fd, const void* buf, size_t n, off_t offset) {
  struct iovec v = {const_cast<void*>(buf), n};
  return static_cast<ssize_t>(to_c(pwrite_vec(fd, &v, 1, offset)));
}

}  // extern "C"
