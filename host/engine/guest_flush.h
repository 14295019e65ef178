// After a guest stops without libc's exit path (a trap, or proc_exit or
// proc_raise called directly), its mmap-emu may still hold stores through
// shared mappings that nothing wrote back. A native process keeps such
// stores (they are in the page cache), so the host asks the guest to write
// them back by calling the flush mmap-emu exports, on whichever engine runs
// it (docs/mmap.md, "Crash consistency").
//
// Guarded: one call per stop, never from inside the flush, and bounded in
// time: once the flush has run for its budget, every WASI call it makes stops
// the guest instead. (mmap-emu itself refuses to flush when the guest
// stopped inside it, so the flush never runs over half-updated tables.)
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "engine/runtime.h"

namespace wasishim::engine {

inline constexpr const char* kGuestFlushExport = "__wasishim_mman_flush";

class GuestFlush {
 public:
  static constexpr std::chrono::milliseconds kBudget{10000};
  explicit GuestFlush(std::chrono::milliseconds budget = kBudget) : budget_(budget) {}
  // mmap-emu's exit status after a failed write-back at exit (EX_IOERR).
  static constexpr uint32_t kWriteBackFailedStatus = 74;

  struct Result {
    bool write_failed = false;  // the guest reported an I/O error (on its stderr)
    std::string problem;        // why stores may be lost; empty when none are
  };

  // Calls the guest's flush export. `runtime` must export it.
  Result run(Runtime& runtime);

  // For the host's import handler: false while a flush is over its budget.
  bool may_continue() const {
    return !running_ || std::chrono::steady_clock::now() < deadline_;
  }

 private:
  std::chrono::milliseconds budget_;
  bool running_ = false;
  std::chrono::steady_clock::time_point deadline_{};
};

}  // namespace wasishim::engine
