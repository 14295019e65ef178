// What stands between an engine and one instance's WASI functions, apart from
// the functions themselves: the policy's notcapable stubs, --trace, and the
// faults crash tests inject (--kill-after-calls, --fail-write). call_wasi
// (dispatch.h) applies them around a call, so WasiContext holds only the
// guest's WASI state. An engine may call a function directly, past these
// checks, only when needed_for() says none of them applies to it.
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <utility>
#include <vector>

#include "wasishim/options.h"

namespace wasishim {

struct WasiImport;

class CallChecks {
 public:
  // Throws HostError(usage) for a --deny entry that names no group or function.
  explicit CallChecks(const WasiOptions& options);

  std::FILE* trace() const { return trace_; }
  // Whether the policy answers notcapable for this import of wasi_imports().
  bool stubbed(const WasiImport& imp) const;
  // Whether calls to `imp` must go through call_wasi: decided from what is
  // fixed for the instance's life.
  bool needed_for(const WasiImport& imp) const;

  // Counts one call; true when --kill-after-calls says the host must die
  // instead of making it.
  bool kill_due() { return kill_after_calls_ && ++calls_made_ > kill_after_calls_; }
  // For a write to a descriptor above 2 (fd_write, fd_pwrite), counted from
  // 1: the errno --fail-write injects for it instead of making the call.
  std::optional<uint16_t> injected_failure(const WasiImport& imp, const uint64_t* args);

 private:
  std::FILE* trace_;
  uint64_t stubbed_mask_ = 0;  // bit i: wasi_imports()[i]
  uint64_t kill_after_calls_;
  uint64_t calls_made_ = 0;
  std::vector<std::pair<uint64_t, uint16_t>> fail_writes_;
  uint64_t file_writes_ = 0;
};

}  // namespace wasishim
