// path_filestat_get and path_filestat_set_times. A symlink in the last
// component is followed (when asked, or when a trailing slash demands it) in
// user space beneath the starting directory; the kernel then acts on a single
// name with AT_SYMLINK_NOFOLLOW.
#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>

#include "sandbox/resolve.h"
#include "wasi/context.h"
#include "wasi/errno_map.h"
#include "wasi/filestat.h"
#include "wasi/times.h"

namespace wasishim {

using wasi::Errno;
namespace right = wasi::right;

namespace {

bool ends_with_slash(std::string_view p) { return !p.empty() && p.back() == '/'; }

}  // namespace

Errno WasiContext::path_filestat_get(M& mem, u32 fd, u32 flags, u32 path, u32 path_len, u32 out) {
  auto dir = dir_entry(fd, right::path_filestat_get);
  if (!dir) return dir.error;
  auto p = mem.string(path, path_len);
  auto w = mem.bytes(out, wasi::layout::filestat_size);
  if (!p || !w) return Errno::fault;
  const bool follow = (flags & wasi::lookupflag::symlink_follow) || ends_with_slash(*p);
  auto parent = sandbox::open_parent_beneath(dir->host.get(), *p, follow);
  if (parent.error) return wasi::from_sandbox_errno(parent.error);
  struct stat st {};
  if (fstatat(parent.parent.get(), parent.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    return wasi::from_host_errno(errno);
  }
  if (parent.trailing_slash && !S_ISDIR(st.st_mode)) return Errno::notdir;
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
  const bool follow = (flags & wasi::lookupflag::symlink_follow) || ends_with_slash(*p);
  auto parent = sandbox::open_parent_beneath(dir->host.get(), *p, follow);
  if (parent.error) return wasi::from_sandbox_errno(parent.error);
  if (parent.trailing_slash) {
    struct stat st {};
    if (fstatat(parent.parent.get(), parent.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
      return wasi::from_host_errno(errno);
    }
    if (!S_ISDIR(st.st_mode)) return Errno::notdir;
  }
  if (utimensat(parent.parent.get(), parent.name.c_str(), ts.data(), AT_SYMLINK_NOFOLLOW) != 0) {
    return wasi::from_host_errno(errno);
  }
  return Errno::success;
}

}  // namespace wasishim
