// stat, lstat, fstat, fstatat, and the struct stat every metadata call fills.
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "pipe_buffer.h"
#include "preopen_table.h"
#include "shim.h"

namespace wasishim::shim {

namespace {

mode_t type_bits(sys::filetype t) {
  switch (t) {
    case sys::filetype::block_device: return S_IFBLK;
    case sys::filetype::character_device: return S_IFCHR;
    case sys::filetype::directory: return S_IFDIR;
    case sys::filetype::regular_file: return S_IFREG;
    case sys::filetype::socket_dgram:
    case sys::filetype::socket_stream: return S_IFSOCK;
    case sys::filetype::symbolic_link: return S_IFLNK;
    default: return 0;
  }
}

constexpr sys::filesize_t assumed_block_size = 4096;

struct timespec to_timespec(sys::timestamp_t ns) {
  struct timespec ts;
  ts.tv_sec = static_cast<time_t>(ns / 1000000000u);
  ts.tv_nsec = static_cast<long>(ns % 1000000000u);
  return ts;
}

// A directory that exists only on the way to the preopens.
sys::filestat virtual_directory_stat() {
  sys::filestat st{};
  st.filetype = sys::filetype::directory;
  st.nlink = 2;
  return st;
}

}  // namespace

void to_posix_stat(const sys::filestat& in, struct stat* out) {
  memset(out, 0, sizeof *out);
  out->st_dev = in.dev;
  out->st_ino = in.ino;
  out->st_nlink = in.nlink;
  out->st_mode = type_bits(in.filetype) | permission_bits(file_key{in.dev, in.ino}, in.filetype);
  file_owner(file_key{in.dev, in.ino}, &out->st_uid, &out->st_gid);
  out->st_size = static_cast<off_t>(in.size);
  // Preview1's filestat has neither the preferred I/O size nor the space
  // allocated. The shim reports the block size of the common Linux file
  // systems (ext4, XFS, Btrfs, tmpfs: 4096, also the page size), and the
  // space a file without holes takes in such blocks, in 512-byte units as
  // st_blocks counts (docs/porting.md).
  out->st_blksize = assumed_block_size;
  out->st_blocks = static_cast<blkcnt_t>((in.size + assumed_block_size - 1) / assumed_block_size *
                                         (assumed_block_size / 512));
  out->st_atim = to_timespec(in.atim);
  out->st_mtim = to_timespec(in.mtim);
  out->st_ctim = to_timespec(in.ctim);
  // What the shim keeps inside the instance, named by a path (/dev/null,
  // /dev/stdin after pipe and dup2): the type preview1 cannot express.
  if (in.dev == builtin_device) {
    out->st_mode = S_IFCHR | 0666;
    out->st_rdev = device_rdev(in.ino);
  } else if (in.dev == pipe_device) {
    out->st_mode = S_IFIFO | S_IRUSR | S_IWUSR;
  }
}

result<sys::filestat> stat_at(int dirfd, const char* path, bool follow) {
  char buf[path_buffer_size];
  auto where = resolve_at(dirfd, path, buf);
  if (!where) {
    if (where.error() == errc::noent && (dirfd == AT_FDCWD || (path && path[0] == '/')) &&
        is_virtual_directory(buf))
      return virtual_directory_stat();
    if (may_be_builtin(dirfd, path, where.error())) return stat_builtin(path, buf);
    return failure(where.error());
  }
  return sys::path_filestat_get(where->dirfd,
                                follow ? sys::lookupflags::symlink_follow : sys::lookupflags{},
                                where->path, where->len);
}

}  // namespace wasishim::shim

using namespace wasishim::shim;
using namespace wasishim;

namespace {
int stat_c(int dirfd, const char* path, struct stat* out, int flag) {
  if (flag & ~AT_SYMLINK_NOFOLLOW) return fail(errc::inval);
  auto st = stat_at(dirfd, path, !(flag & AT_SYMLINK_NOFOLLOW));
  if (!st) return fail(st.error());
  to_posix_stat(*st, out);
  return 0;
}
}  // namespace

extern "C" {

int stat(const char* __restrict path, struct stat* __restrict out) {
  return stat_c(AT_FDCWD, path, out, 0);
}
int lstat(const char* __restrict path, struct stat* __restrict out) {
  return stat_c(AT_FDCWD, path, out, AT_SYMLINK_NOFOLLOW);
}
int fstatat(int dirfd, const char* __restrict path, struct stat* __restrict out, int flag) {
  return stat_c(dirfd, path, out, flag);
}

int fstat(int fd, struct stat* out) {
  auto f = lookup(fd);
  if (!f) return fail(f.error());
  if (f->is_pipe()) {
    pipe_stat(*f->d, out);
    return 0;
  }
  if (f->is_device()) {
    to_posix_stat(device_filestat(f->d->device), out);
    return 0;
  }
  auto st = sys::fd_filestat_get(f->wasi);
  if (!st) return fail(st.error());
  to_posix_stat(*st, out);
  return 0;
}

}  // extern "C"
