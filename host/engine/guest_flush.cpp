#include "engine/guest_flush.h"

namespace wasishim::engine {

namespace {
// WASI's errno for "busy": mmap-emu's answer when the guest stopped inside it.
constexpr uint64_t kBusy = 10;
}  // namespace

GuestFlush::Result GuestFlush::run(Runtime& runtime) {
  Result out;
  if (running_) return out;
  running_ = true;
  deadline_ = std::chrono::steady_clock::now() + budget_;
  CallResult r = runtime.call(kGuestFlushExport, {});
  running_ = false;
  const std::string lost = "stores through shared mappings not yet written back are lost";
  if (r.kind == CallResult::Kind::trapped) {
    out.problem = "writing back shared mappings after the guest stopped trapped (" + r.trap + "): " + lost;
  } else if (r.kind == CallResult::Kind::stopped) {
    out.problem = "writing back shared mappings after the guest stopped took longer than " +
                  std::to_string(budget_.count()) + " ms and was stopped: " + lost;
  } else if (!r.values.empty() && r.values[0] == kBusy) {
    out.problem = "the guest stopped inside mmap-emu: " + lost;
  } else if (!r.values.empty() && r.values[0] != 0) {
    out.write_failed = true;
  }
  return out;
}

}  // namespace wasishim::engine
