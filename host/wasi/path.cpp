// The path_* functions: every one resolves its path beneath a directory
// descriptor through the sandbox (host/sandbox/resolve.h) and never builds
// a host path from a guest path.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "sandbox/resolve.h"
#include "sandbox/symlink_target.h"
#include "wasi/context.h"
#include "wasi/errno_map.h"
#include "wasi/filestat.h"
#include "wasi/filetype.h"
#include "wasi/times.h"

namespace wasishim {

using wasi::Errno;
namespace right = wasi::right;

// Every path_* function but path_open has one shape (cap-std's via_parent):
// each path is looked up once, to its parent directory beneath the starting
// descriptor plus one final name (sandbox::open_parent_beneath), and the call
// is then made with *at() calls on that name that never let the kernel follow
// it. The namespace operations (create and remove directories, unlink,
// symlink, link's target, rename) pass the name with the guest's trailing
// slash and let the kernel apply POSIX's rules to it; the calls that act on
// what the name names (readlink, link's source, stat, set times) have a final
// symlink followed, when asked or when a trailing slash demands it, in that
// same lookup (sandbox::open_parent_following).
namespace {

Errno host_error() { return wasi::from_host_errno(errno); }

// The status of the final name of a lookup that followed it; notdir when the
// guest's trailing slash named something other than a directory.
Errno stat_final(const sandbox::ParentResult& p, struct stat& st) {
  if (fstatat(p.parent.get(), p.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return host_error();
  if (p.trailing_slash && !S_ISDIR(st.st_mode)) return Errno::notdir;
  return Errno::success;
}

// For calls that cannot act on a directory, given a path with a trailing
// slash (which named a directory or is notdir): `if_directory`, or why not.
Errno outcome_with_trailing_slash(const sandbox::ParentResult& p, Errno if_directory) {
  struct stat st {};
  Errno e = stat_final(p, st);
  return e == Errno::success ? if_directory : e;
}

}  // namespace

Errno WasiContext::path_create_directory(M& mem, u32 fd, u32 path, u32 path_len) {
  auto dir = dir_entry(fd, right::path_create_directory);
  if (!dir) return dir.error;
  auto p = mem.string(path, path_len);
  if (!p) return Errno::fault;
  auto parent = sandbox::open_parent_beneath(dir->host.get(), *p);
  if (parent.error) return wasi::from_sandbox_errno(parent.error);
  if (mkdirat(parent.parent.get(), parent.name_as_given().c_str(), 0777) != 0) return host_error();
  return Errno::success;
}

Errno WasiContext::path_unlink_file(M& mem, u32 fd, u32 path, u32 path_len) {
  auto dir = dir_entry(fd, right::path_unlink_file);
  if (!dir) return dir.error;
  auto p = mem.string(path, path_len);
  if (!p) return Errno::fault;
  auto parent = sandbox::open_parent_beneath(dir->host.get(), *p);
  if (parent.error) return wasi::from_sandbox_errno(parent.error);
  if (unlinkat(parent.parent.get(), parent.name_as_given().c_str(), 0) != 0) return host_error();
  return Errno::success;
}

Errno WasiContext::path_remove_directory(M& mem, u32 fd, u32 path, u32 path_len) {
  auto dir = dir_entry(fd, right::path_remove_directory);
  if (!dir) return dir.error;
  auto p = mem.string(path, path_len);
  if (!p) return Errno::fault;
  auto parent = sandbox::open_parent_beneath(dir->host.get(), *p);
  if (parent.error) return wasi::from_sandbox_errno(parent.error);
  if (unlinkat(parent.parent.get(), parent.name_as_given().c_str(), AT_REMOVEDIR) != 0) {
    // POSIX allows EEXIST for a non-empty directory; WASI has one answer.
    return errno == EEXIST ? Errno::notempty : host_error();
  }
  return Errno::success;
}

Errno WasiContext::path_symlink(M& mem, u32 old_path, u32 old_path_len, u32 fd, u32 new_path,
                                u32 new_path_len) {
  auto dir = dir_entry(fd, right::path_symlink);
  if (!dir) return dir.error;
  auto target = mem.string(old_path, old_path_len);
  auto p = mem.string(new_path, new_path_len);
  if (!target || !p) return Errno::fault;
  if (target->empty()) return Errno::noent;
  if (target->find('\0') != std::string_view::npos) return Errno::inval;
  // An absolute target could never be followed inside the sandbox, and would
  // mislead other programs on the host into reaching outside it (cap-std and
  // wasmtime refuse it the same way).
  if (target->front() == '/') return Errno::perm;
  auto parent = sandbox::open_parent_beneath(dir->host.get(), *p);
  if (parent.error) return wasi::from_sandbox_errno(parent.error);
  // A relative target that climbs above the top of the guest's tree is
  // refused for the same reason.
  if (sandbox::symlink_target_escapes(parent.parent.get(), *target,
                                      static_cast<dev_t>(dir->root.dev),
                                      static_cast<ino_t>(dir->root.ino))) {
    return Errno::notcapable;
  }
  std::string contents(*target);
  if (symlinkat(contents.c_str(), parent.parent.get(), parent.name_as_given().c_str()) != 0) {
    return host_error();
  }
  return Errno::success;
}

Errno WasiContext::path_readlink(M& mem, u32 fd, u32 path, u32 path_len, u32 buf, u32 buf_len,
                                 u32 bufused_out) {
  auto dir = dir_entry(fd, right::path_readlink);
  if (!dir) return dir.error;
  auto p = mem.string(path, path_len);
  auto window = mem.bytes(buf, buf_len);
  if (!p || !window || !mem.in_bounds(bufused_out, 4)) return Errno::fault;
  auto parent = sandbox::open_parent_following(dir->host.get(), *p, false);
  if (parent.error) return wasi::from_sandbox_errno(parent.error);
  // "link/" means the link's target, which is never a symlink here.
  if (parent.trailing_slash) return outcome_with_trailing_slash(parent, Errno::inval);
  std::string contents(4096, '\0');
  for (;;) {
    ssize_t n = readlinkat(parent.parent.get(), parent.name.c_str(), contents.data(), contents.size());
    if (n < 0) return host_error();
    if (static_cast<size_t>(n) < contents.size()) {
      contents.resize(static_cast<size_t>(n));
      break;
    }
    contents.resize(contents.size() * 2);
  }
  // A short buffer gets a truncated result, as readlink(2) gives.
  size_t n = std::min<size_t>(contents.size(), window->size());
  std::memcpy(window->data(), contents.data(), n);
  mem.store<uint32_t>(bufused_out, static_cast<uint32_t>(n));
  return Errno::success;
}

Errno WasiContext::path_link(M& mem, u32 old_fd, u32 old_flags, u32 old_path, u32 old_path_len,
                             u32 new_fd, u32 new_path, u32 new_path_len) {
  auto from = dir_entry(old_fd, right::path_link_source);
  if (!from) return from.error;
  auto to = dir_entry(new_fd, right::path_link_target);
  if (!to) return to.error;
  auto op = mem.string(old_path, old_path_len);
  auto np = mem.string(new_path, new_path_len);
  if (!op || !np) return Errno::fault;
  if (old_flags & ~wasi::lookupflag::symlink_follow) return Errno::inval;
  const bool follow = old_flags & wasi::lookupflag::symlink_follow;
  auto source = sandbox::open_parent_following(from->host.get(), *op, follow);
  if (source.error) return wasi::from_sandbox_errno(source.error);
  if (source.trailing_slash) return outcome_with_trailing_slash(source, Errno::perm);
  auto target = sandbox::open_parent_beneath(to->host.get(), *np);
  if (target.error) return wasi::from_sandbox_errno(target.error);
  // Flags 0: a symlink source is linked itself; one the guest asked to follow
  // has already been resolved beneath the source directory above.
  if (linkat(source.parent.get(), source.name.c_str(), target.parent.get(),
             target.name_as_given().c_str(), 0) != 0) {
    return host_error();
  }
  return Errno::success;
}

Errno WasiContext::path_rename(M& mem, u32 fd, u32 old_path, u32 old_path_len, u32 new_fd,
                               u32 new_path, u32 new_path_len) {
  auto from = dir_entry(fd, right::path_rename_source);
  if (!from) return from.error;
  auto to = dir_entry(new_fd, right::path_rename_target);
  if (!to) return to.error;
  auto op = mem.string(old_path, old_path_len);
  auto np = mem.string(new_path, new_path_len);
  if (!op || !np) return Errno::fault;
  auto source = sandbox::open_parent_beneath(from->host.get(), *op);
  if (source.error) return wasi::from_sandbox_errno(source.error);
  auto target = sandbox::open_parent_beneath(to->host.get(), *np);
  if (target.error) return wasi::from_sandbox_errno(target.error);
  if (renameat(source.parent.get(), source.name_as_given().c_str(), target.parent.get(),
               target.name_as_given().c_str()) != 0) {
    return host_error();
  }
  return Errno::success;
}

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
  const bool write_contents = rights_base & (right::fd_write | right::fd_allocate);
  const bool want_write = write_contents || (rights_base & right::fd_filestat_set_size);
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
  // When only setting the size asks for writing, what the path names decides
  // the access mode: a directory is opened read-only (a guest gets a directory
  // descriptor that way), anything else with the write access mode a size
  // change needs; the sandbox resolves the path once and opens the final name
  // by its type. Creating or truncating a directory fails whatever the mode,
  // so those opens, like every other, are one plain lookup.
  const bool mode_by_type = (flags & O_ACCMODE) != O_RDONLY && !write_contents &&
                            !(oflags & (wasi::oflag::creat | wasi::oflag::trunc));
  auto opened =
      mode_by_type
          ? sandbox::open_beneath_by_type(dir->host.get(), *guest_path, flags,
                                          (flags & ~O_ACCMODE) | O_RDONLY, follow)
          : sandbox::open_beneath(dir->host.get(), *guest_path, flags, 0666, follow);
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

// path_filestat_get and path_filestat_set_times act on what the last
// component names (sandbox::open_parent_following), then make one *at() call
// on a name that is not a symlink, with AT_SYMLINK_NOFOLLOW.

Errno WasiContext::path_filestat_get(M& mem, u32 fd, u32 flags, u32 path, u32 path_len, u32 out) {
  auto dir = dir_entry(fd, right::path_filestat_get);
  if (!dir) return dir.error;
  auto p = mem.string(path, path_len);
  auto w = mem.bytes(out, wasi::layout::filestat_size);
  if (!p || !w) return Errno::fault;
  auto parent = sandbox::open_parent_following(dir->host.get(), *p,
                                               flags & wasi::lookupflag::symlink_follow);
  if (parent.error) return wasi::from_sandbox_errno(parent.error);
  struct stat st {};
  if (Errno e = stat_final(parent, st); e != Errno::success) return e;
  wasi::put_filestat(*w, st);
  return Errno::success;
}

Errno WasiContext::path_filestat_set_times(M& mem, u32 fd, u32 flags, u32 path, u32 path_len,
                                           u64 atim, u64 mtim, u32 fst_flags) {
  auto dir = dir_entry(fd, right::path_filestat_set_times);
  if (!dir) return dir.error;
  auto p = mem.string(path, path_len);
  if (!p) return Errno::fault;
  std::array<timespec, 2> ts{};
  if (auto err = wasi::times_for(atim, mtim, fst_flags, ts); err != Errno::success) return err;
  auto parent = sandbox::open_parent_following(dir->host.get(), *p,
                                               flags & wasi::lookupflag::symlink_follow);
  if (parent.error) return wasi::from_sandbox_errno(parent.error);
  if (parent.trailing_slash) {
    struct stat st {};
    if (Errno e = stat_final(parent, st); e != Errno::success) return e;
  }
  if (utimensat(parent.parent.get(), parent.name.c_str(), ts.data(), AT_SYMLINK_NOFOLLOW) != 0) {
    return host_error();
  }
  return Errno::success;
}

}  // namespace wasishim
