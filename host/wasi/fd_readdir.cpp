// fd_readdir: directory entries in the WASI dirent layout, resumable by
// cookie. Cookie 0 is the start; every entry's d_next is the host's telldir()
// position after it, so a guest that stopped mid-buffer resumes exactly there.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "wasi/context.h"
#include "wasi/errno_map.h"
#include "wasi/filetype.h"

namespace wasishim {

using wasi::Errno;

namespace {

wasi::Filetype type_of(DIR* dir, const dirent* d) {
  switch (d->d_type) {
    case DT_REG: return wasi::Filetype::regular_file;
    case DT_DIR: return wasi::Filetype::directory;
    case DT_LNK: return wasi::Filetype::symbolic_link;
    case DT_CHR: return wasi::Filetype::character_device;
    case DT_BLK: return wasi::Filetype::block_device;
    case DT_SOCK: return wasi::Filetype::socket_stream;
    case DT_UNKNOWN: {
      struct stat st {};
      if (fstatat(dirfd(dir), d->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
        return wasi::filetype_of(st.st_mode);
      }
      return wasi::Filetype::unknown;
    }
    default: return wasi::Filetype::unknown;
  }
}

}  // namespace

Errno WasiContext::fd_readdir(M& mem, u32 fd, u32 buf, u32 buf_len, u64 cookie, u32 bufused_out) {
  auto e = typed_entry(
      fd, wasi::right::fd_readdir,
      [](wasi::Filetype t) { return t == wasi::Filetype::directory; }, Errno::notdir);
  if (!e) return e.error;
  auto window = mem.bytes(buf, buf_len);
  if (!window || !mem.in_bounds(bufused_out, 4)) return Errno::fault;
  if (cookie > static_cast<u64>(INT64_MAX)) return Errno::inval;

  if (!e->dir_stream) {
    // A stream of its own, so reading entries never moves the guest's fd.
    int dfd = openat(e->host.get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) return wasi::from_host_errno(errno);
    DIR* dir = fdopendir(dfd);
    if (!dir) {
      int err = errno;
      close(dfd);
      return wasi::from_host_errno(err);
    }
    e->dir_stream.reset(dir);
  }
  DIR* dir = e->dir_stream.get();
  // At the top of the guest's tree, ".." is the host directory above the
  // preopen, which the guest must not learn about: it is reported as the
  // directory itself, as "/" reports its own "..".
  struct stat self {};
  if (fstat(e->host.get(), &self) != 0) return wasi::from_host_errno(errno);
  const bool at_root =
      FileId{static_cast<uint64_t>(self.st_dev), static_cast<uint64_t>(self.st_ino)} == e->root;
  if (cookie == 0) {
    rewinddir(dir);
  } else {
    seekdir(dir, static_cast<long>(cookie));
  }

  size_t used = 0;
  uint8_t header[wasi::layout::dirent_size];
  while (used < window->size()) {
    errno = 0;
    const dirent* d = readdir(dir);
    if (!d) {
      if (errno != 0) return wasi::from_host_errno(errno);
      break;
    }
    const uint64_t next = static_cast<uint64_t>(telldir(dir));
    const uint32_t namlen = static_cast<uint32_t>(std::strlen(d->d_name));
    const bool hidden_parent = at_root && std::strcmp(d->d_name, "..") == 0;
    std::memset(header, 0, sizeof header);
    std::span<uint8_t> h(header, sizeof header);
    GuestMemory::put<uint64_t>(h, 0, next);
    GuestMemory::put<uint64_t>(h, 8, hidden_parent ? static_cast<uint64_t>(self.st_ino)
                                                   : static_cast<uint64_t>(d->d_ino));
    GuestMemory::put<uint32_t>(h, 16, namlen);
    GuestMemory::put<uint8_t>(h, 20, static_cast<uint8_t>(hidden_parent ? wasi::Filetype::directory
                                                                         : type_of(dir, d)));
    // An entry that does not fit is written as far as it goes: the guest sees
    // a full buffer and asks again from the last whole entry's cookie.
    size_t n = std::min(sizeof header, window->size() - used);
    std::memcpy(window->data() + used, header, n);
    used += n;
    n = std::min<size_t>(namlen, window->size() - used);
    std::memcpy(window->data() + used, d->d_name, n);
    used += n;
  }
  mem.store<uint32_t>(bufused_out, static_cast<uint32_t>(used));
  return Errno::success;
}

}  // namespace wasishim
