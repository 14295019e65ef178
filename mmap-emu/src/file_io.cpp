#include "file_io.h"

#include <string.h>

namespace wasishim::mman::io {

result<size_t> pread(uint32_t fd, void* buf, size_t len, uint64_t offset) {
  sys::iovec v{buf, len};
  return sys::fd_pread(fd, &v, 1, offset);
}

result<size_t> pwrite(uint32_t fd, const void* buf, size_t len, uint64_t offset) {
  sys::ciovec v{buf, len};
  return sys::fd_pwrite(fd, &v, 1, offset);
}

result<sys::filestat> filestat(uint32_t fd) { return sys::fd_filestat_get(fd); }
result<sys::fdstat> fdstat(uint32_t fd) { return sys::fd_fdstat_get(fd); }
status set_fdflags(uint32_t fd, sys::fdflags flags) { return sys::fd_fdstat_set_flags(fd, flags); }
status datasync(uint32_t fd) { return sys::fd_datasync(fd); }
status close(uint32_t fd) { return sys::fd_close(fd); }

void report(const char* text) {
  sys::ciovec v[2] = {{text, strlen(text)}, {"\n", 1}};
  (void)sys::fd_write(2, v, 2);
}

}  // namespace wasishim::mman::io
