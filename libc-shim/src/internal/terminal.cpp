// Which descriptors are terminals: a character device that cannot seek, as
// the host describes it (wasi-libc's isatty rule). docs/porting.md.
#include "shim.h"

namespace wasishim::shim {

result<void> require_terminal(int fd) {
  auto wasi = wasi_fd(fd, errc::notty);
  if (!wasi) return failure(wasi.error());
  auto st = sys::fd_fdstat_get(*wasi);
  if (!st) return failure(errc::badf);
  const bool seekable = st->fs_rights_base & (sys::rights::fd_seek | sys::rights::fd_tell);
  if (st->fs_filetype != sys::filetype::character_device || seekable) return failure(errc::notty);
  return {};
}

}  // namespace wasishim::shim
