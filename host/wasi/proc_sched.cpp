// proc_exit, proc_raise and sched_yield. Exiting and fatal signals do not
// return to the guest: they record the outcome and request a stop
// (take_stop), and the engine unwinds the guest.
#include <sched.h>

#include "wasi/context.h"

namespace wasishim {

using wasi::Errno;

namespace {

// WASI signal numbers (wasi/api.h __WASI_SIGNAL_*).
enum : uint8_t {
  kSigNone = 0, kSigChld = 16, kSigCont = 17, kSigStop = 18, kSigTstp = 19,
  kSigTtin = 20, kSigTtou = 21, kSigUrg = 22, kSigWinch = 27, kSigMax = 30,
};

}  // namespace

Errno WasiContext::proc_exit(M&, u32 rval) {
  exit_code_ = rval;
  stop_requested_ = true;
  return Errno::success;
}

// The guest has no signal handlers, so a raised signal takes its default
// action on the guest alone, never on the host process: ignored signals are
// ignored, stop/continue have no job control to act on, and every other
// signal ends the guest (the engine reports it, the CLI exits 128 + signal).
Errno WasiContext::proc_raise(M&, u32 sig) {
  if (sig > kSigMax) return Errno::inval;
  switch (sig) {
    case kSigNone:
    case kSigChld:
    case kSigCont:
    case kSigUrg:
    case kSigWinch:
    case kSigStop:
    case kSigTstp:
    case kSigTtin:
    case kSigTtou:
      return Errno::success;
    default:
      raised_signal_ = static_cast<uint8_t>(sig);
      stop_requested_ = true;
      return Errno::success;
  }
}

Errno WasiContext::sched_yield(M&) {
  ::sched_yield();
  return Errno::success;
}

}  // namespace wasishim
