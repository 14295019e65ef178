// getentropy on the host's random_get.
#include <unistd.h>

#include "shim.h"

using namespace wasishim::shim;
using namespace wasishim;

extern "C" {

int __getentropy(void* buf, size_t len) {
  // As on Linux and in OpenBSD, where getentropy comes from: at most 256 bytes.
  if (len > 256) return fail(errc::io);
  return to_c(sys::random_get(buf, len));
}
int getentropy(void* buf, size_t len) __attribute__((weak, alias("__getentropy")));

}  // extern "C"
