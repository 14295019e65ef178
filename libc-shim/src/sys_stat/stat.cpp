// Metadata: stat, lstat, fstat, fstatat, access/faccessat, utimensat,
// futimens, utime(s), futimesat.
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>
#include <wasi/libc-nocwd.h>
#include <wasi/libc.h>

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

// POSIX times to the WASI call's (atim, mtim, flags).
result<void> times_to_wasi(const struct timespec* times, sys::timestamp_t& atim,
                           sys::timestamp_t& mtim, sys::fstflags& flags) {
  atim = mtim = 0;
  flags = sys::fstflags{};
  if (times == nullptr) {
    flags = sys::fstflags::atim_now | sys::fstflags::mtim_now;
    return {};
  }
  for (int i = 0; i < 2; ++i) {
    const struct timespec& t = times[i];
    const sys::fstflags now = i == 0 ? sys::fstflags::atim_now : sys::fstflags::mtim_now;
    const sys::fstflags set = i == 0 ? sys::fstflags::atim : sys::fstflags::mtim;
    if (t.tv_nsec == UTIME_OMIT) continue;
    if (t.tv_nsec == UTIME_NOW) {
      flags |= now;
      continue;
    }
    if (t.tv_nsec < 0 || t.tv_nsec >= 1000000000 || t.tv_sec < 0) return failure(errc::inval);
    const sys::timestamp_t ns =
        static_cast<sys::timestamp_t>(t.tv_sec) * 1000000000u + static_cast<sys::timestamp_t>(t.tv_nsec);
    (i == 0 ? atim : mtim) = ns;
    flags |= set;
  }
  return {};
}

result<void> utimens_at(int dirfd, const char* path, const struct timespec times[2], int flag) {
  if (flag & ~AT_SYMLINK_NOFOLLOW) return failure(errc::inval);
  sys::timestamp_t atim, mtim;
  sys::fstflags which;
  if (auto r = times_to_wasi(times, atim, mtim, which); !r) return r;
  char buf[path_buffer_size];
  auto where = resolve_at(dirfd, path, buf);
  if (!where) return failure(where.error());
  const auto lookup =
      (flag & AT_SYMLINK_NOFOLLOW) ? sys::lookupflags{} : sys::lookupflags::symlink_follow;
  return sys::path_filestat_set_times(where->dirfd, lookup, where->path, where->len, atim, mtim,
                                      which);
}

result<void> access_at(int dirfd, const char* path, int amode, int flag) {
  if (amode & ~(F_OK | R_OK | W_OK | X_OK)) return failure(errc::inval);
  if (flag & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW)) return failure(errc::inval);
  auto st = stat_at(dirfd, path, !(flag & AT_SYMLINK_NOFOLLOW));
  if (!st) return failure(st.error());
  if (amode & W_OK) {
    if (auto r = check_write_access_on_read_only(dirfd, path); !r) return r;
  }
  // No permissions exist in preview1; the shim answers as for a superuser,
  // except that X_OK needs some execute bit, as Linux requires of root.
  if (amode & X_OK) {
    const mode_t bits = permission_bits(file_key{st->dev, st->ino}, st->filetype);
    if (st->filetype != sys::filetype::directory && !(bits & 0111)) return failure(errc::acces);
  }
  return {};
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
int __wasilibc_nocwd_fstatat(int dirfd, const char* __restrict path, struct stat* __restrict out,
                             int flag) {
  return stat_c(dirfd, path, out, flag);
}
int __wasilibc_stat(const char* __restrict path, struct stat* __restrict out, int flag) {
  return stat_c(AT_FDCWD, path, out, flag);
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

int access(const char* path, int amode) { return to_c(access_at(AT_FDCWD, path, amode, 0)); }
int faccessat(int dirfd, const char* path, int amode, int flag) {
  return to_c(access_at(dirfd, path, amode, flag));
}
int __wasilibc_nocwd_faccessat(int dirfd, const char* path, int amode, int flag) {
  return to_c(access_at(dirfd, path, amode, flag));
}
int __wasilibc_access(const char* path, int amode, int flag) {
  return to_c(access_at(AT_FDCWD, path, amode, flag));
}

int utimensat(int dirfd, const char* path, const struct timespec times[2], int flag) {
  return to_c(utimens_at(dirfd, path, times, flag));
}
int __wasilibc_nocwd_utimensat(int dirfd, const char* path, const struct timespec times[2],
                               int flag) {
  return to_c(utimens_at(dirfd, path, times, flag));
}
int __wasilibc_utimens(const char* path, const struct timespec times[2], int flag) {
  return to_c(utimens_at(AT_FDCWD, path, times, flag));
}

int futimens(int fd, const struct timespec times[2]) {
  sys::timestamp_t atim, mtim;
  sys::fstflags which;
  if (auto r = times_to_wasi(times, atim, mtim, which); !r) return fail(r.error());
  // Linux keeps a pipe's times in memory; the shim keeps none for a pipe.
  auto wasi = wasi_fd(fd, errc::notsup);
  if (!wasi) return fail(wasi.error());
  return to_c(sys::fd_filestat_set_times(*wasi, atim, mtim, which));
}

int utime(const char* path, const struct utimbuf* times) {
  if (times == nullptr) return to_c(utimens_at(AT_FDCWD, path, nullptr, 0));
  struct timespec ts[2] = {{times->actime, 0}, {times->modtime, 0}};
  return to_c(utimens_at(AT_FDCWD, path, ts, 0));
}

int __futimesat(int dirfd, const char* path, const struct timeval times[2]) {
  if (times == nullptr) return to_c(utimens_at(dirfd, path, nullptr, 0));
  struct timespec ts[2];
  for (int i = 0; i < 2; ++i) {
    if (times[i].tv_usec < 0 || times[i].tv_usec >= 1000000) return fail(errc::inval);
    ts[i].tv_sec = times[i].tv_sec;
    ts[i].tv_nsec = static_cast<long>(times[i].tv_usec) * 1000;
  }
  return to_c(utimens_at(dirfd, path, ts, 0));
}
int futimesat(int dirfd, const char* path, const struct timeval times[2])
    __attribute__((weak, alias("__futimesat")));

int utimes(const char* path, const struct timeval times[2]) {
  return __futimesat(AT_FDCWD, path, times);
}

}  // extern "C"
