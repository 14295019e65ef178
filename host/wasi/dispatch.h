// The table of wasi_snapshot_preview1 imports: name, wasm signature and a
// uniform entry point. Engines bind imports from this table only, so every
// engine runs the same WASI implementation.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "abi/guest_memory.h"
#include "wasi/context.h"

namespace wasishim {

struct WasiImport {
  std::string_view name;
  // One letter a parameter: 'i' for i32, 'I' for i64. The result is always one
  // i32 (the errno), except proc_exit which returns nothing.
  std::string_view params;
  bool returns_errno;
  // Calls the function with the arguments in ABI order; returns the errno or
  // WasiContext::kStop.
  uint32_t (*call)(WasiContext&, GuestMemory&, const uint64_t* args);
};

inline constexpr std::string_view kWasiModule = "wasi_snapshot_preview1";

std::span<const WasiImport> wasi_imports();
const WasiImport* find_wasi_import(std::string_view name);

// The entry every engine calls an import through (`imp` must point into
// wasi_imports()). It applies what is engine-independent around the call:
// the policy's notcapable stubs and --trace logging, so all engines behave
// the same.
uint32_t call_wasi(const WasiImport& imp, WasiContext& ctx, GuestMemory& mem, const uint64_t* args);

}  // namespace wasishim
