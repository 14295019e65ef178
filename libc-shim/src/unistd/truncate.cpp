// ftruncate and truncate.
#include <fcntl.h>
#include <unistd.h>

#include "fd_io.h"
#include "shim.h"

using namespace wasishim::shim;

extern "C" {

int ftruncate(int fd, off_t length) { return to_c(resize(fd, length)); }

int truncate(const char* path, off_t length) {
  if (length < 0) return fail(errc::inval);
  auto fd = open_at(AT_FDCWD, path, O_WRONLY, 0);
  if (!fd) return fail(fd.error());
  auto r = resize(static_cast<int>(*fd), length);
  (void)close_fd(static_cast<int>(*fd));
  return to_c(r);
}

}  // extern "C"
