// Finding the guest function a trap happened in, for the interpreter engine.
// wabt keeps a trap's frames private, so the module is instrumented before it
// is loaded: one added mutable global records the index of the innermost
// guest function, set on entry to every function and again after every call
// returns. When a trap unwinds the guest, the global still names the function
// that trapped. Plain C++17, no wabt types.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace wasishim::interp_engine {

struct Instrumented {
  std::vector<uint8_t> bytes;  // the module with the tracking global
  uint32_t frame_global;       // that global's index
};

// The value of the tracking global before any guest function has run.
inline constexpr uint32_t kNoFrame = 0xffffffffu;

// nullopt if the module cannot be round-tripped (the engine then runs the
// original and reports no function for traps).
std::optional<Instrumented> instrument_frames(const uint8_t* bytes, size_t size);

}  // namespace wasishim::interp_engine
