// utimes and futimesat: utimensat with microseconds.
#include <fcntl.h>
#include <sys/time.h>

#include "shim.h"

using namespace wasishim::shim;

extern "C" {

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
