#include <sched.h>

#include "wasi/context.h"

namespace wasishim {

using wasi::Errno;

Errno WasiContext::proc_exit(M&, u32 rval) {
  exit_code_ = rval;
  return kStop;
}

Errno WasiContext::sched_yield(M&) {
  ::sched_yield();
  return Errno::success;
}

}  // namespace wasishim
