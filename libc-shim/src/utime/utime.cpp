// utime: utimensat with whole seconds.
#include <fcntl.h>
#include <utime.h>

#include "shim.h"

using namespace wasishim::shim;

extern "C" {

int utime(const char* path, const struct utimbuf* times) {
  if (times == nullptr) return to_c(utimens_at(AT_FDCWD, path, nullptr, 0));
  struct timespec ts[2] = {{times->actime, 0}, {times->modtime, 0}};
  return to_c(utimens_at(AT_FDCWD, path, ts, 0));
}

}  // extern "C"
