// open, openat, creat, and the wasi-libc entry points stdio's fopen uses.
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>

#include "mman_calls.h"
#include "path_normalize.h"
#include "shim.h"

namespace wasishim::shim {

namespace {

using sys::rights_t;
namespace R = sys::rights;

// Rights by access mode, as wasi-libc grants them: everything, minus reading
// or writing when the mode excludes it. (Hosts such as Node's open the host
// file for writing when any write-like right is asked, so a read-only
// descriptor must not ask for fd_datasync; fdatasync falls back to fd_sync.)
constexpr rights_t read_rights = R::fd_read | R::fd_readdir;
constexpr rights_t write_rights =
    R::fd_datasync | R::fd_write | R::fd_allocate | R::fd_filestat_set_size;

result<rights_t> base_rights(int oflag) {
  rights_t base = ~(read_rights | write_rights);
  switch (oflag & O_ACCMODE) {
    case 0:  // a literal 0 from code written for O_RDONLY == 0
    case O_RDONLY:
    case O_WRONLY:
    case O_RDWR:
      if ((oflag & O_RDONLY) || (oflag & O_ACCMODE) == 0) base |= read_rights;
      if (oflag & O_WRONLY) base |= write_rights;
      return base;
    case O_EXEC:
    case O_SEARCH:
      return base;
    default:
      return failure(errc::inval);
  }
}

// The absolute name of what openat(dirfd, path) opens, when the shim can know it.
bool describe(int dirfd, const char* path, char* out) {
  const char* base = "/";
  if (path[0] != '/') {
    base = (dirfd == AT_FDCWD) ? current_directory() : fd_path(dirfd);
    if (base == nullptr) return false;
  }
  return normalize_path(base, path, out, path_buffer_size).ok();
}

}  // namespace

result<int> open_at(int dirfd, const char* path, int oflag, mode_t mode) {
  char buf[path_buffer_size];
  auto where = resolve_at(dirfd, path, buf);
  if (!where) {
    if (may_be_builtin(dirfd, path, where.error())) return open_builtin(path, buf, oflag);
    return failure(where.error());
  }
  auto base = base_rights(oflag);
  if (!base) return failure(base.error());
  if (oflag & O_CREAT) {
    // POSIX: O_CREAT on "dir/." needs the directory, then refuses it; on a
    // name with a trailing slash it refuses as soon as the parent exists
    // (hosts disagree here, so the shim decides).
    if (where->ends_in_dot) {
      if (auto r = require_existing_directory(*where); !r) return failure(r.error());
      return failure(errc::isdir);
    }
    if (where->trailing_slash) {
      char parent[path_buffer_size];
      const size_t n = strlen(path);
      if (n >= sizeof parent) return failure(errc::nametoolong);
      memcpy(parent, path, n + 1);
      size_t end = n;
      while (end > 0 && parent[end - 1] == '/') --end;
      while (end > 0 && parent[end - 1] != '/') --end;
      if (end > 0) {
        parent[end] = '\0';
        char pbuf[path_buffer_size];
        auto up = resolve_at(dirfd, parent, pbuf);
        if (up) {
          if (auto r = require_existing_directory(*up); !r) return failure(r.error());
        } else if (!is_virtual_directory(pbuf)) {
          return failure(up.error());
        }
      }
      return failure(errc::isdir);
    }
  }

  auto oflags = static_cast<sys::oflags>((oflag >> 12) & 0xf);
  const auto fdflags = static_cast<sys::fdflags>(oflag & 0xfff);
  const auto lookup = (oflag & O_NOFOLLOW) ? sys::lookupflags{} : sys::lookupflags::symlink_follow;

  // Ask only for rights the directory can pass on; hosts refuse more.
  rights_t inheriting = ~rights_t{0};
  if (auto dir = inheriting_rights(where->dirfd)) inheriting = *dir;

  // Whether this call creates the file decides whether its mode is recorded.
  bool creates = false;
  if (oflag & O_CREAT) {
    creates = (oflag & O_EXCL) ||
              sys::path_filestat_get(where->dirfd, lookup, where->path, where->len).error() ==
                  errc::noent;
  }

  // Some hosts (Node's) open the link itself despite O_NOFOLLOW; POSIX says
  // ELOOP, so the shim checks first.
  if (oflag & O_NOFOLLOW) {
    auto st = sys::path_filestat_get(where->dirfd, sys::lookupflags{}, where->path, where->len);
    if (st && st->filetype == sys::filetype::symbolic_link) return failure(errc::loop);
  }

  // A read-only directory cannot pass write rights on: fail as a read-only
  // mount does rather than open read-only what the program meant to write.
  auto allowed = check_open_on_read_only(*where, oflag, lookup);
  if (!allowed) return failure(allowed.error());
  oflags = static_cast<sys::oflags>((*allowed >> 12) & 0xf);

  auto wasi = sys::path_open(where->dirfd, lookup, where->path, where->len, oflags,
                             *base & inheriting, inheriting, fdflags);
  if (!wasi && wasi.error() == errc::notcapable) {
    // The directory's rights were narrowed since the shim asked: ask again.
    forget_inheriting_rights(where->dirfd);
    auto dir = inheriting_rights(where->dirfd);
    if (dir && *dir != inheriting)
      wasi = sys::path_open(where->dirfd, lookup, where->path, where->len, oflags, *base & *dir,
                            *dir, fdflags);
  }
  if (!wasi) return failure(wasi.error());
  // O_TRUNC (open, creat, fopen "w") cut the file: mappings of it must show
  // that, as after ftruncate.
  if ((oflag & O_TRUNC) && mman_active()) __wasishim_mman_after_resize(static_cast<int>(*wasi), 0);

  if (creates) {
    if (auto st = sys::fd_filestat_get(*wasi)) record_created(file_key{st->dev, st->ino}, mode);
  }
  auto fd = number_for_new(*wasi);
  if (!fd) return failure(fd.error());
  char name[path_buffer_size];
  fd_remember_path(static_cast<int>(*fd), describe(dirfd, path, name) ? name : nullptr);
  fd_set_cloexec(static_cast<int>(*fd), (oflag & O_CLOEXEC) != 0);
  return *fd;
}

}  // namespace wasishim::shim

using namespace wasishim::shim;

namespace {
mode_t mode_argument(int oflag, va_list ap) {
  return (oflag & O_CREAT) ? static_cast<mode_t>(va_arg(ap, int)) : 0;
}
}  // namespace

extern "C" {

int open(const char* path, int oflag, ...) {
  va_list ap;
  va_start(ap, oflag);
  const mode_t mode = mode_argument(oflag, ap);
  va_end(ap);
  return static_cast<int>(to_c(open_at(AT_FDCWD, path, oflag, mode)));
}

int openat(int dirfd, const char* path, int oflag, ...) {
  va_list ap;
  va_start(ap, oflag);
  const mode_t mode = mode_argument(oflag, ap);
  va_end(ap);
  return static_cast<int>(to_c(open_at(dirfd, path, oflag, mode)));
}

int creat(const char* path, mode_t mode) {
  return static_cast<int>(to_c(open_at(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode)));
}
// <fcntl.h> may #define creat64 as creat, so the name is given to the linker.
int wasishim_creat64(const char* path, mode_t mode) __asm__("creat64");
int wasishim_creat64(const char* path, mode_t mode) { return creat(path, mode); }

}  // extern "C"
