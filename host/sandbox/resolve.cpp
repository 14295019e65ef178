// The resolver choice, the openat2 resolver, and lookups in the
// parent-directory shape.
#include "sandbox/resolve.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <climits>
#include <atomic>
#include <cerrno>

#include "sandbox/path_text.h"

namespace wasishim::sandbox {

namespace {

std::atomic<bool> g_forced_manual{false};
std::atomic<unsigned long> g_resolutions{0};

long sys_openat2(int dirfd, const char* path, open_how* how) {
  return syscall(SYS_openat2, dirfd, path, how, sizeof(*how));
}

// The kernel's answer, asked once and held for the life of the process. The
// question opens nothing: a size below the smallest open_how is refused with
// EINVAL before any lookup, while a kernel without openat2 (or a seccomp
// filter standing in for one) answers ENOSYS.
Resolver kernel_resolver() {
  static const Resolver chosen = [] {
    const bool missing = syscall(SYS_openat2, AT_FDCWD, "", nullptr, 0) < 0 && errno == ENOSYS;
    return missing ? Resolver::manual : Resolver::openat2;
  }();
  return chosen;
}

// Whether open flags create a file. O_TMPFILE contains O_DIRECTORY's bit, so
// all of its bits are tested.
bool creates(int flags) { return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE; }

}  // namespace

Resolver active_resolver() {
  return g_forced_manual.load() ? Resolver::manual : kernel_resolver();
}

void force_manual_resolver(bool on) { g_forced_manual.store(on); }

unsigned long resolution_count() { return g_resolutions.load(); }

int check_guest_path(std::string_view path) {
  if (path.empty()) return ENOENT;
  // The kernel's own limit, applied to both resolvers alike; it also bounds
  // how many directories the manual resolver holds open at once.
  if (path.size() >= PATH_MAX) return ENAMETOOLONG;
  if (path.find('\0') != std::string_view::npos) return EINVAL;
  if (!valid_utf8(path)) return EILSEQ;
  if (path.front() == '/') return kEscapes;
  return 0;
}

OpenResult open_beneath_openat2(int dirfd, std::string_view path, int flags,
                                mode_t mode, bool follow_final) {
  if (int e = check_guest_path(path)) return {UniqueFd(), e};
  std::string p(path);
  open_how how{};
  how.flags = static_cast<uint64_t>(flags | O_CLOEXEC | (follow_final ? 0 : O_NOFOLLOW));
  how.mode = creates(flags) ? mode : 0;
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
  long fd;
  do {
    fd = sys_openat2(dirfd, p.c_str(), &how);
  } while (fd < 0 && (errno == EAGAIN || errno == EINTR));
  if (fd < 0) return {UniqueFd(), errno};
  return {UniqueFd(static_cast<int>(fd)), 0};
}

OpenResult open_beneath(int dirfd, std::string_view path, int flags,
                        mode_t mode, bool follow_final) {
  g_resolutions.fetch_add(1, std::memory_order_relaxed);
  if (active_resolver() == Resolver::manual) {
    return open_beneath_manual(dirfd, path, flags, mode, follow_final);
  }
  return open_beneath_openat2(dirfd, path, flags, mode, follow_final);
}

ParentResult open_parent_beneath(int dirfd, std::string_view path, bool follow_final) {
  if (int e = check_guest_path(path)) return {UniqueFd(), {}, false, e};
  std::string current(path);
  for (int links = 0;;) {
    SplitPath split = split_last(current);
    if (split.last.empty() || split.last == "." || split.last == "..") {
      // The path names a directory reached by walking; open it whole.
      auto whole = open_beneath(dirfd, current, O_PATH | O_DIRECTORY, 0, true);
      return {std::move(whole.fd), ".", split.trailing_slash, whole.error};
    }
    auto parent = open_beneath(dirfd, split.dir.empty() ? std::string_view(".") : split.dir,
                               O_PATH | O_DIRECTORY, 0, true);
    if (parent.error) return {UniqueFd(), {}, false, parent.error};
    std::string name(split.last);
    if (!follow_final) {
      return {std::move(parent.fd), std::move(name), split.trailing_slash, 0};
    }
    // Follow a symlink in the last component ourselves, beneath dirfd.
    auto target = read_link_at(parent.fd.get(), name);
    if (!target) {
      return {std::move(parent.fd), std::move(name), split.trailing_slash, 0};
    }
    if (++links > kMaxSymlinks) return {UniqueFd(), {}, false, ELOOP};
    if (target->empty()) return {UniqueFd(), {}, false, ENOENT};
    if (target->front() == '/') return {UniqueFd(), {}, false, kEscapes};
    current = std::string(split.dir) + *target + (split.trailing_slash ? "/" : "");
  }
}

ParentResult open_parent_following(int dirfd, std::string_view path, bool follow) {
  const bool trailing_slash = !path.empty() && path.back() == '/';
  return open_parent_beneath(dirfd, path, follow || trailing_slash);
}

OpenResult open_beneath_by_type(int dirfd, std::string_view path, int flags,
                                int directory_flags, bool follow_final) {
  if (creates(flags) || creates(directory_flags)) return {UniqueFd(), EINVAL};
  auto parent = open_parent_following(dirfd, path, follow_final);
  if (parent.error) return {UniqueFd(), parent.error};
  // A name that cannot be examined is opened with `flags`, and the open gives
  // the kernel's own answer for it.
  struct stat st {};
  const bool directory =
      fstatat(parent.parent.get(), parent.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
      S_ISDIR(st.st_mode);
  const int f = (directory ? directory_flags | O_DIRECTORY : flags) | O_NOFOLLOW | O_CLOEXEC;
  const int fd = openat(parent.parent.get(), parent.name_as_given().c_str(), f);
  if (fd < 0) return {UniqueFd(), errno};
  return {UniqueFd(fd), 0};
}

}  // namespace wasishim::sandbox
