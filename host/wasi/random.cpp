// random_get, from the kernel's entropy (getrandom), never a seeded generator.
#include <sys/random.h>

#include <cerrno>

#include "wasi/context.h"
#include "wasi/errno_map.h"

namespace wasishim {

using wasi::Errno;

Errno WasiContext::random_get(M& mem, u32 buf, u32 len) {
  auto window = mem.bytes(buf, len);
  if (!window) return Errno::fault;
  size_t done = 0;
  while (done < window->size()) {
    ssize_t n = getrandom(window->data() + done, window->size() - done, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return wasi::from_host_errno(errno);
    }
    done += static_cast<size_t>(n);
  }
  return Errno::success;
}

}  // namespace wasishim
