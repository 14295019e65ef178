// The manual resolver: one component at a time from directory descriptors,
// for kernels without openat2. Every open uses O_NOFOLLOW, so the kernel never
// follows a symlink on our behalf; symlinks are read and their targets spliced
// into the walk here, where absolute targets are refused and ".." cannot pop
// above the starting directory. A symlink swapped in between our check and our
// open is therefore never followed by the kernel: at worst the open fails.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <deque>
#include <vector>

#include "sandbox/path_text.h"
#include "sandbox/resolve.h"
#include "wasi/errno_map.h"

namespace wasishim::sandbox {

using wasi::Errno;

namespace {

struct Walk {
  int base;
  std::vector<UniqueFd> stack;  // directories entered beneath base
  std::deque<std::string> pending;
  bool final_is_directory = false;
  int links = 0;

  int current() const { return stack.empty() ? base : stack.back().get(); }

  // Replaces the component just taken with a symlink's target.
  Errno splice(const std::string& target) {
    if (++links > kMaxSymlinks) return Errno::loop;
    if (target.empty()) return Errno::noent;
    if (target.front() == '/') return Errno::notcapable;
    Components c = components_of(target);
    // A target's own trailing slash (or final ".") matters only when nothing
    // follows it in the walk.
    if (pending.empty() && c.ends_as_directory) final_is_directory = true;
    pending.insert(pending.begin(), c.parts.begin(), c.parts.end());
    return Errno::success;
  }
};

}  // namespace

OpenResult open_beneath_manual(int dirfd, std::string_view path, int flags,
                               mode_t mode, bool follow_final) {
  if (auto e = check_guest_path(path); e != Errno::success) return {UniqueFd(), e};
  Components comps = components_of(path);
  Walk walk{dirfd, {}, {comps.parts.begin(), comps.parts.end()}, comps.ends_as_directory, 0};
  const bool creating = flags & O_CREAT;
  const bool exclusive = creating && (flags & O_EXCL);

  while (!walk.pending.empty()) {
    std::string name = std::move(walk.pending.front());
    walk.pending.pop_front();
    if (name == "..") {
      if (walk.stack.empty()) return {UniqueFd(), Errno::notcapable};
      walk.stack.pop_back();
      continue;
    }
    const bool last = walk.pending.empty();
    if (!last) {
      int fd = openat(walk.current(), name.c_str(), O_PATH | O_NOFOLLOW | O_DIRECTORY | O_CLOEXEC);
      if (fd >= 0) {
        walk.stack.emplace_back(fd);
        continue;
      }
      int err = errno;
      if (err == ENOTDIR || err == ELOOP) {
        if (auto target = read_link_at(walk.current(), name)) {
          if (auto e = walk.splice(*target); e != Errno::success) return {UniqueFd(), e};
          continue;
        }
        return {UniqueFd(), Errno::notdir};
      }
      return {UniqueFd(), wasi::from_host_errno(err)};
    }

    // The last component. A trailing slash turns creation into an error, as
    // the kernel does (a file cannot be created with a directory's name form).
    if (creating && walk.final_is_directory) return {UniqueFd(), Errno::isdir};
    const bool follow = (follow_final || walk.final_is_directory) && !exclusive;
    if (follow) {
      if (auto target = read_link_at(walk.current(), name)) {
        if (auto e = walk.splice(*target); e != Errno::success) return {UniqueFd(), e};
        if (walk.pending.empty()) {
          // The target was "." or ended in ".."-style components that were
          // all consumed: the result is the current directory.
          break;
        }
        continue;
      }
    }
    int f = flags | O_NOFOLLOW | O_CLOEXEC | (walk.final_is_directory ? O_DIRECTORY : 0);
    int fd = openat(walk.current(), name.c_str(), f, creating ? mode : 0);
    if (fd < 0) return {UniqueFd(), wasi::from_host_errno(errno)};
    return {UniqueFd(fd), Errno::success};
  }

  // The walk ended on a directory ("", ".", "a/..", or a symlink to one of
  // those): open the directory we stand in.
  if (creating) return {UniqueFd(), exclusive ? Errno::exist : Errno::isdir};
  int fd = openat(walk.current(), ".", flags | O_CLOEXEC | O_DIRECTORY);
  if (fd < 0) return {UniqueFd(), wasi::from_host_errno(errno)};
  return {UniqueFd(fd), Errno::success};
}

}  // namespace wasishim::sandbox
