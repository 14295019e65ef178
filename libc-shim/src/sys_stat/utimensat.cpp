// utimensat and futimens.
// utime and utimes (utime/, sys_time/) set times through utimens_at too.
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>

#include "shim.h"

namespace wasishim::shim {
namespace {

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

}  // namespace

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

}  // namespace wasishim::shim

using namespace wasishim::shim;
using namespace wasishim;

extern "C" {

int utimensat(int dirfd, const char* path, const struct timespec times[2], int flag) {
  return to_c(utimens_at(dirfd, path, times, flag));
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

}  // extern "C"
