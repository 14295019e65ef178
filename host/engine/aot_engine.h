// The ahead-of-time engine inside the host: choosing and loading a compiled
// object for a module (from the cache, compiling it on a miss), and running
// it behind engine::Runtime with every import bound directly to the WASI
// implementation (aot_imports.h).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/module_impl.h"
#include "engine/runtime.h"
#include "wasi/context.h"
#include "wasi/dispatch.h"
#include "wasishim/aot.h"

namespace wasishim::aot {

// How each of the module's imports is bound: the WASI function, and whether
// calls must go through the dispatch layer's checks (trace, policy stub,
// crash testing) rather than straight to it.
struct ImportBinding {
  const WasiImport* wasi;
  bool checked;
};

// Instantiates `module` from a compiled object chosen for `engine` (aot,
// automatic or tiered; see wasishim/aot.h). Throws AotError when no object can
// be had; returns null with `*error` set when instantiation traps.
std::unique_ptr<engine::Runtime> instantiate(const Module::Impl& module, Engine engine, const AotOptions& options,
                                             WasiContext& ctx, CallChecks& checks,
                                             const std::vector<ImportBinding>& imports,
                                             std::string* error);

// Compiles `module` in the optimized tier to a self-contained object at
// `output` (wasishim compile).
void compile_to_file(const Module::Impl& module, const std::string& output, const AotOptions& options);

// The module embedded in a compiled object, after checking the object.
std::vector<uint8_t> embedded_module(const std::string& path);

// Human-readable name of a trap code from aot_guard (matching the
// interpreter's wording where they overlap).
std::string trap_name(int code);

}  // namespace wasishim::aot
