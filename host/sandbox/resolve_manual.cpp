// The manual resolver: one component at a time from directory descriptors,
// for kernels without openat2. Every open uses O_NOFOLLOW, so the kernel never
// follows a symlink on our behalf; symlinks are read and their targets spliced
// into the walk here, where absolute targets are refused and ".." cannot pop
// above the starting directory. A symlink swapped in between our check and our
// open is therefore never followed by the kernel: at worst the open fails.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <deque>
#include <vector>

#include "sandbox/path_text.h"
#include "sandbox/resolve.h"

namespace wasishim::sandbox {

namespace {

// The directories a walk has entered beneath its base, one level each. The
// walk must be able to return to any of them by "..", which is why each was
// kept open; but a path with symlinks spliced in can enter tens of thousands
// of levels. So descriptors are held only for the deepest kWindow levels and
// every kStride-th level; any other level is reopened by name, from the
// nearest level still held, when ".." returns to it, and must then be the
// same directory (device and inode) as when it was entered. A walk holds at
// most kMaxDepth / kStride + kWindow + 1 descriptors.
class Levels {
 public:
  static constexpr size_t kWindow = 8;
  static constexpr size_t kStride = 64;
  static constexpr size_t kMaxDepth = 4096;

  explicit Levels(int base) : base_(base) {}

  int current() const { return levels_.empty() ? base_ : levels_.back().fd.get(); }

  int push(std::string name, UniqueFd fd) {
    if (levels_.size() >= kMaxDepth) return ENAMETOOLONG;
    levels_.push_back({std::move(name), 0, 0, std::move(fd)});
    // The level leaving the window gives up its descriptor, unless it is a
    // checkpoint; its identity is recorded so that reopening it is checked.
    if (levels_.size() > kWindow) {
      size_t leaving = levels_.size() - 1 - kWindow;
      Level& l = levels_[leaving];
      if (!is_checkpoint(leaving) && l.fd.valid()) {
        struct stat st {};
        if (fstat(l.fd.get(), &st) != 0) return errno;
        l.dev = st.st_dev;
        l.ino = st.st_ino;
        l.fd.reset();
      }
    }
    return 0;
  }

  // Returns to the parent level; false when already at the base.
  bool can_pop() const { return !levels_.empty(); }
  int pop() {
    levels_.pop_back();
    if (levels_.empty() || levels_.back().fd.valid()) return 0;
    // Reopen from the nearest level still held down to the new top, keeping
    // descriptors for the new window only; the levels below it are passed
    // through.
    const size_t top = levels_.size() - 1;
    size_t first = top;
    while (first > 0 && !levels_[first - 1].fd.valid()) --first;
    const size_t keep_from = top + 1 > kWindow ? top + 1 - kWindow : 0;
    UniqueFd passing;
    for (size_t i = first; i <= top; ++i) {
      const int from = i == 0 ? base_
                       : levels_[i - 1].fd.valid() ? levels_[i - 1].fd.get()
                                                   : passing.get();
      Level& l = levels_[i];
      UniqueFd reopened(openat(from, l.name.c_str(), O_PATH | O_NOFOLLOW | O_DIRECTORY | O_CLOEXEC));
      if (!reopened.valid()) return ENOENT;
      struct stat st {};
      // The tree changed under the walk: fail rather than guess.
      if (fstat(reopened.get(), &st) != 0 || st.st_dev != l.dev || st.st_ino != l.ino) {
        return ENOENT;
      }
      if (i >= keep_from) {
        l.fd = std::move(reopened);
      } else {
        passing = std::move(reopened);
      }
    }
    return 0;
  }

 private:
  struct Level {
    std::string name;
    dev_t dev;
    ino_t ino;
    UniqueFd fd;
  };
  static bool is_checkpoint(size_t index) { return index % kStride == kStride - 1; }

  int base_;
  std::vector<Level> levels_;
};

struct Walk {
  Levels levels;
  std::deque<std::string> pending;
  bool final_is_directory = false;
  int links = 0;

  int current() const { return levels.current(); }

  // Replaces the component just taken with a symlink's target.
  int splice(const std::string& target) {
    if (++links > kMaxSymlinks) return ELOOP;
    if (target.empty()) return ENOENT;
    if (target.front() == '/') return kEscapes;
    Components c = components_of(target);
    // A target's own trailing slash (or final ".") matters only when nothing
    // follows it in the walk.
    if (pending.empty() && c.ends_as_directory) final_is_directory = true;
    pending.insert(pending.begin(), c.parts.begin(), c.parts.end());
    return 0;
  }
};

}  // namespace

OpenResult open_beneath_manual(int dirfd, std::string_view path, int flags,
                               mode_t mode, bool follow_final) {
  if (int e = check_guest_path(path)) return {UniqueFd(), e};
  Components comps = components_of(path);
  Walk walk{Levels(dirfd), {comps.parts.begin(), comps.parts.end()}, comps.ends_as_directory, 0};
  const bool creating = flags & O_CREAT;
  const bool exclusive = creating && (flags & O_EXCL);

  while (!walk.pending.empty()) {
    std::string name = std::move(walk.pending.front());
    walk.pending.pop_front();
    if (name == "..") {
      if (!walk.levels.can_pop()) return {UniqueFd(), kEscapes};
      if (int e = walk.levels.pop()) return {UniqueFd(), e};
      continue;
    }
    const bool last = walk.pending.empty();
    if (!last) {
      int fd = openat(walk.current(), name.c_str(), O_PATH | O_NOFOLLOW | O_DIRECTORY | O_CLOEXEC);
      if (fd >= 0) {
        if (int e = walk.levels.push(name, UniqueFd(fd))) return {UniqueFd(), e};
        continue;
      }
      int err = errno;
      if (err == ENOTDIR || err == ELOOP) {
        if (auto target = read_link_at(walk.current(), name)) {
          if (int e = walk.splice(*target)) return {UniqueFd(), e};
          continue;
        }
        return {UniqueFd(), ENOTDIR};
      }
      return {UniqueFd(), err};
    }

    // The last component. A trailing slash turns creation into an error, as
    // the kernel does (a file cannot be created with a directory's name form).
    if (creating && walk.final_is_directory) return {UniqueFd(), EISDIR};
    const bool follow = (follow_final || walk.final_is_directory) && !exclusive;
    if (follow) {
      if (auto target = read_link_at(walk.current(), name)) {
        if (int e = walk.splice(*target)) return {UniqueFd(), e};
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
    if (fd < 0) return {UniqueFd(), errno};
    return {UniqueFd(fd), 0};
  }

  // The walk ended on a directory ("", ".", "a/..", or a symlink to one of
  // those): open the directory we stand in.
  if (creating) return {UniqueFd(), exclusive ? EEXIST : EISDIR};
  int fd = openat(walk.current(), ".", flags | O_CLOEXEC | O_DIRECTORY);
  if (fd < 0) return {UniqueFd(), errno};
  return {UniqueFd(fd), 0};
}

}  // namespace wasishim::sandbox
