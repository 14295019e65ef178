// The table of wasi_snapshot_preview1 imports: name, wasm signature and a
// uniform entry point. Engines bind imports from this table only, so every
// engine runs the same WASI implementation.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "abi/guest_memory.h"
#include "wasi/call_checks.h"
#include "wasi/context.h"

namespace wasishim {

struct WasiImport {
  std::string_view name;
  // One letter a parameter: 'i' for i32, 'I' for i64. The result is always one
  // i32 (the errno), except proc_exit which returns nothing.
  std::string_view params;
  bool returns_errno;
  // Calls the function with the arguments in ABI order; returns its errno
  // (WasiContext::take_stop() then says whether it ended the guest).
  uint32_t (*call)(WasiContext&, GuestMemory&, const uint64_t* args);
};

inline constexpr std::string_view kWasiModule = "wasi_snapshot_preview1";

std::span<const WasiImport> wasi_imports();
const WasiImport* find_wasi_import(std::string_view name);

// The entry every engine calls an import through (`imp` must point into
// wasi_imports()). It applies the instance's CallChecks around the call (the
// policy's notcapable stubs, --trace, injected faults), so all engines behave
// the same. Returns the errno for the guest, or nothing when the call ended
// the guest (proc_exit, a fatal proc_raise): the engine then unwinds it.
std::optional<uint32_t> call_wasi(const WasiImport& imp, CallChecks& checks, WasiContext& ctx,
                                  GuestMemory& mem, const uint64_t* args);

}  // namespace wasishim
