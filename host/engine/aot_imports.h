// The C functions compiled code calls for its WASI imports (aot_abi.h): one
// per preview1 function, taking the arguments in their own types, so a call
// goes from the guest to the WASI implementation with no packing, no
// std::function and no per-call policy or trace test. Which one a module
// import gets is decided once, at instantiation: `direct`, or `checked` (the
// dispatch layer's call_wasi, for --trace, policy stubs and crash testing).
#pragma once

#include <string>

#include "wasi/context.h"
#include "wasi/dispatch.h"

namespace wasishim::aot {

// What compiled code passes back to the host as `host_ctx`.
struct HostContext {
  WasiContext* wasi = nullptr;
  CallChecks* checks = nullptr;  // for the checked entries
  // Set when a host call threw: the guest is stopped and this reported.
  std::string failure;
};

// The function for WASI import `imp`; null when the host has none for it.
void* import_function(const WasiImport& imp, bool checked);

}  // namespace wasishim::aot
