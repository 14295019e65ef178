// Writing every stored byte back when the program ends, on each way it can
// end (docs/mmap.md, "Crash consistency"):
//  * through libc (return from main, exit, _Exit, abort): flush_at_exit, from
//    mmap-emu's own atexit handler and from libc-shim's _Exit and abort;
//  * past libc (a trap, a direct proc_exit): the host calls the exported
//    flush_for_host afterwards, which does nothing if libc's flush ran.
#pragma once

#include "errors.h"

namespace wasishim::mman {

// The exit status a program gets when its mapped stores could not be written
// back at exit (EX_IOERR in BSD's <sysexits.h>): a failure is never silent.
inline constexpr int kExitWriteBackFailed = 74;

// Every C entry of mmap-emu runs inside one: a flush for the host after a
// trap that unwound out of mmap-emu itself would see half-updated tables, so
// it refuses (and a trap inside the flush cannot recurse into it).
class Busy {
 public:
  Busy() { ++depth_; }
  ~Busy() { --depth_; }
  Busy(const Busy&) = delete;
  Busy& operator=(const Busy&) = delete;
  static bool any() { return depth_ != 0; }

 private:
  static int depth_;
};

// Writes back every dirty page (trying twice), once: later calls return at
// once. A failure is reported on stderr.
status flush_at_exit();

// After a trap or a proc_exit that did not come through libc: writes back
// every dirty page unless libc's exit flush ran. errc::busy when the guest
// stopped inside mmap-emu (nothing is written).
status flush_for_host();

}  // namespace wasishim::mman
