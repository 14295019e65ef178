#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>

#include "sandbox/resolve.h"
#include "wasi/context.h"
#include "wasi/errno_map.h"
#include "wasi/filetype.h"

namespace wasishim {

using wasi::Errno;
namespace right = wasi::right;

Errno WasiContext::path_open(M& mem, u32 fd, u32 dirflags, u32 path, u32 path_len,
                             u32 oflags, u64 rights_base, u64 rights_inheriting,
                             u32 fdflags, u32 fd_out) {
  auto dir = dir_entry(fd, right::path_open);
  if (!dir) return dir.error;
  auto guest_path = mem.string(path, path_len);
  if (!guest_path || !mem.in_bounds(fd_out, 4)) return Errno::fault;
  if ((oflags & ~wasi::oflag::all) || (fdflags & ~wasi::fdflag::all)) return Errno::inval;

  // Rights the new descriptor asks for must be inheritable from the directory.
  if ((rights_base & ~dir->rights_inheriting) || (rights_inheriting & ~dir->rights_inheriting))
    return Errno::notcapable;
  wasi::Rights needed_on_dir = right::path_open;
  if (oflags & wasi::oflag::creat) needed_on_dir |= right::path_create_file;
  if (oflags & wasi::oflag::trunc) needed_on_dir |= right::path_filestat_set_size;
  if ((dir->rights_base & needed_on_dir) != needed_on_dir) return Errno::notcapable;

  const bool want_read = rights_base & (right::fd_read | right::fd_readdir);
  // The access mode follows the rights alone. APPEND only places writes; a
  // descriptor without a write right (every one beneath a read-only preopen)
  // is opened read-only whatever its flags, so no host file is ever opened
  // for writing where writing was not granted.
  const bool want_write =
      rights_base & (right::fd_write | right::fd_allocate | right::fd_filestat_set_size);
  // Rights are the most a descriptor may do, not an access mode: wasi-libc
  // asks for every inheritable right when it opens a directory, and a
  // directory can only be opened read-only.
  const bool directory = oflags & wasi::oflag::directory;
  int flags = (want_write && !directory) ? (want_read ? O_RDWR : O_WRONLY) : O_RDONLY;
  if (oflags & wasi::oflag::creat) flags |= O_CREAT;
  if (oflags & wasi::oflag::excl) flags |= O_EXCL;
  if (oflags & wasi::oflag::trunc) flags |= O_TRUNC;
  if (oflags & wasi::oflag::directory) flags |= O_DIRECTORY;
  if (fdflags & wasi::fdflag::append) flags |= O_APPEND;
  if (fdflags & wasi::fdflag::dsync) flags |= O_DSYNC;
  if (fdflags & wasi::fdflag::sync) flags |= O_SYNC;
  if (fdflags & wasi::fdflag::rsync) flags |= O_RSYNC;

  // Opening a FIFO blocks until its other end is opened, which would stop
  // the host's thread, not only the guest. The open never waits; a guest that
  // did not ask for NONBLOCK gets a blocking descriptor afterwards. (A FIFO
  // opened for writing with no reader fails with nxio instead of waiting.)
  const bool guest_nonblock = fdflags & wasi::fdflag::nonblock;
  flags |= O_NONBLOCK;

  const bool follow = dirflags & wasi::lookupflag::symlink_follow;
  auto opened = sandbox::open_beneath(dir->host.get(), *guest_path, flags, 0666, follow);
  // Opening a directory for writing fails with EISDIR; a read-only open of a
  // directory is how a guest gets a directory fd, so retry read-only when the
  // guest did not ask to write file contents.
  if (opened.error == EISDIR && (flags & O_ACCMODE) != O_RDONLY &&
      !(rights_base & (right::fd_write | right::fd_allocate)) && !(oflags & wasi::oflag::trunc)) {
    opened = sandbox::open_beneath(dir->host.get(), *guest_path,
                                   (flags & ~O_ACCMODE) | O_RDONLY, 0666, follow);
  }
  if (opened.error) return wasi::from_sandbox_errno(opened.error);
  if (!guest_nonblock) {
    int fl = fcntl(opened.fd.get(), F_GETFL);
    if (fl < 0 || fcntl(opened.fd.get(), F_SETFL, fl & ~O_NONBLOCK) != 0) {
      return wasi::from_host_errno(errno);
    }
  }

  struct stat st {};
  if (fstat(opened.fd.get(), &st) != 0) return wasi::from_host_errno(errno);
  auto entry = std::make_unique<FdEntry>();
  entry->type = wasi::filetype_of(st.st_mode);
  entry->rights_base = rights_base & wasi::max_rights_for(entry->type);
  entry->rights_inheriting = rights_inheriting;
  entry->fdflags = static_cast<uint16_t>(fdflags);
  entry->root = dir->root;
  entry->raises_sigpipe = S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode);
  entry->host = std::move(opened.fd);
  if (fds_.open_count() >= FdTable::kMaxFds) return Errno::mfile;
  wasi::Fd new_fd = fds_.insert(std::move(entry));
  mem.store<uint32_t>(fd_out, new_fd);
  return Errno::success;
}

}  // namespace wasishim
