// The path_* namespace operations: create and remove directories, unlink,
// symlink, readlink, link and rename. Each resolves its path(s) to a parent
// directory beneath the starting descriptor plus one final name, then makes a
// single *at() call that does not follow the final component.
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

namespace wasishim {

using wasi::Errno;
namespace right = wasi::right;

namespace {

Errno host_error() { return wasi::from_host_errno(errno); }

// For calls whose trailing slash the kernel would honour by following a
// symlink: resolve it ourselves and report what the kernel would have, given
// that the operation cannot act on a directory. notdir when the path does not
// name a directory, `if_directory` when it does.
Errno trailing_slash_outcome(int dirfd, std::string_view path, Errno if_directory) {
  auto followed = sandbox::open_parent_beneath(dirfd, path, true);
  if (followed.error) return wasi::from_sandbox_errno(followed.error);
  struct stat st {};
  if (fstatat(followed.parent.get(), followed.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    return host_error();
  }
  return S_ISDIR(st.st_mode) ? if_directory : Errno::notdir;
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
  auto parent = sandbox::open_parent_beneath(dir->host.get(), *p);
  if (parent.error) return wasi::from_sandbox_errno(parent.error);
  if (parent.trailing_slash) {
    // "link/" means the link's target, which is never a symlink here.
    return trailing_slash_outcome(dir->host.get(), *p, Errno::inval);
  }
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
  auto source = sandbox::open_parent_beneath(from->host.get(), *op, follow);
  if (source.error) return wasi::from_sandbox_errno(source.error);
  if (source.trailing_slash) return trailing_slash_outcome(from->host.get(), *op, Errno::perm);
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

}  // namespace wasishim
