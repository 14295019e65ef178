// The ahead-of-time engine inside the host: compiling a module to a shared
// object (aot_compile.cpp), the cache, and running a loaded object behind
// engine::Runtime (aot_engine.cpp).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "engine/runtime.h"
#include "wasishim/aot.h"

namespace wasishim::aot {

struct Object;  // a loaded compiled module (aot_engine.cpp)

// Per-Module state, so the key is hashed and the object loaded once however
// many instances are made.
struct ModuleSlot {
  std::mutex mutex;
  std::string key;
  std::shared_ptr<Object> object;
};

// The cache key: "MODULE-TOOLS", a hash of the module and a hash of everything
// else that shapes the compiled code (the glue, the ABI, the tools, flags).
std::string cache_key(std::span<const uint8_t> wasm);

// Translates and compiles `module` (whose bytes are `wasm`) into a shared
// object at `output`, atomically. Throws AotError.
void compile(const Module& module, std::span<const uint8_t> wasm, const std::string& key,
             const std::string& output, const AotOptions& options);

// Instantiates `module` from its compiled object: the one in `options`, else
// the cache's, compiling it first on a miss. Throws AotError when no object
// can be had; returns null with `*error` set when instantiation traps.
std::unique_ptr<engine::Runtime> instantiate(const Module& module, std::span<const uint8_t> wasm,
                                             ModuleSlot& slot, const AotOptions& options,
                                             engine::HostCall host, std::string* error);

// The wasm embedded in a compiled object, with the key it was built for.
struct Embedded {
  std::vector<uint8_t> wasm;
  std::string key;
};
Embedded read_embedded(const std::string& path);

// Human-readable name of a trap code from aot_guard (matching the
// interpreter's wording where they overlap).
std::string trap_name(int code);

}  // namespace wasishim::aot
