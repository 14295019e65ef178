#include "sandbox/resolve.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>

#include "wasi/errno_map.h"

namespace wasishim::sandbox {

using wasi::Errno;

namespace {

long sys_openat2(int dirfd, const char* path, open_how* how) {
  return syscall(SYS_openat2, dirfd, path, how, sizeof(*how));
}

// Kernel errors that mean "this lookup tried to leave the sandbox".
Errno escape_or(int host_errno) {
  if (host_errno == EXDEV) return Errno::notcapable;
  return wasi::from_host_errno(host_errno);
}

}  // namespace

OpenResult open_beneath(int dirfd, std::string_view path, int flags,
                        mode_t mode, bool follow_final) {
  if (path.empty()) return {UniqueFd(), Errno::noent};
  if (path.find('\0') != std::string_view::npos) return {UniqueFd(), Errno::inval};
  if (path.front() == '/') return {UniqueFd(), Errno::notcapable};
  std::string p(path);
  open_how how{};
  how.flags = static_cast<uint64_t>(flags | O_CLOEXEC | (follow_final ? 0 : O_NOFOLLOW));
  how.mode = (flags & (O_CREAT | O_TMPFILE)) ? mode : 0;
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
  long fd;
  do {
    fd = sys_openat2(dirfd, p.c_str(), &how);
  } while (fd < 0 && errno == EAGAIN);
  if (fd < 0) return {UniqueFd(), escape_or(errno)};
  return {UniqueFd(static_cast<int>(fd)), Errno::success};
}

ParentResult open_parent_beneath(int dirfd, std::string_view path) {
  if (path.empty()) return {UniqueFd(), {}, Errno::noent};
  if (path.front() == '/') return {UniqueFd(), {}, Errno::notcapable};

  // Split off the last component, remembering trailing slashes.
  size_t end = path.size();
  while (end > 0 && path[end - 1] == '/') --end;
  std::string_view trailing = path.substr(end);
  std::string_view body = path.substr(0, end);
  size_t slash = body.rfind('/');
  std::string_view dir = slash == std::string_view::npos ? "." : body.substr(0, slash + 1);
  std::string_view last = slash == std::string_view::npos ? body : body.substr(slash + 1);

  if (last == "." || last == "..") {
    // The "component" names a directory reached by walking; open it whole.
    auto whole = open_beneath(dirfd, path, O_PATH | O_DIRECTORY, 0, true);
    return {std::move(whole.fd), ".", whole.error};
  }
  auto parent = open_beneath(dirfd, dir, O_PATH | O_DIRECTORY, 0, true);
  if (parent.error != Errno::success) return {UniqueFd(), {}, parent.error};
  return {std::move(parent.fd), std::string(last) + std::string(trailing), Errno::success};
}

}  // namespace wasishim::sandbox
