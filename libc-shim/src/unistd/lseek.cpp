// lseek, and wasi-libc's __wasilibc_tell.
#include <unistd.h>

#include "fd_io.h"
#include "shim.h"

using namespace wasishim::shim;
using namespace wasishim;

extern "C" {

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

}  // extern "C"
