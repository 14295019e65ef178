// The ahead-of-time engine: a module translated to C by wasm2c, compiled to a
// native shared object and loaded with dlopen. Same Module/Instance API, same
// WASI implementation as the interpreter; see docs/aot.md.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "wasishim/error.h"

namespace wasishim {

class Module;

enum class Engine {
  interpreter,  // wabt's interpreter: runs any valid module, slowly
  aot,          // compiled ahead of time; fails with AotError if it cannot be
  automatic,    // compiled if possible, else the interpreter (with a note to `log`)
};

struct AotOptions {
  // Where compiled modules are kept, named by a hash of the module and of
  // everything that went into compiling it. Empty: $WASISHIM_CACHE_DIR, else
  // $XDG_CACHE_HOME/wasishim, else ~/.cache/wasishim.
  std::string cache_dir;
  // A compiled object to use instead of the cache (`wasishim run prog.aot`).
  std::string object_path;
  // Notes for a human: cache hits and misses, compiler runs, fallbacks.
  std::function<void(std::string_view)> log;
  // Called about once a second while a compile runs, with the current step
  // ("wasm2c", "cc") and the seconds elapsed since the compile started.
  std::function<void(std::string_view step, double seconds)> progress;
};

// The AOT engine could not be used for a module: wasm2c rejected it, no C
// compiler, an unusable cached object. The message names the reason.
class AotError : public HostError {
 public:
  explicit AotError(const std::string& message) : HostError(HostErrorKind::link, message) {}
};

// Compiles `module` to a self-contained object at `output` (it embeds the
// module, so `module_from_aot(output)` needs nothing else). Throws AotError.
void compile_aot(const Module& module, const std::string& output, const AotOptions& options = {});

// The cache directory `options` selects (not created).
std::string aot_cache_dir(const AotOptions& options);

// True if the file at `path` looks like a compiled object rather than a
// .wasm module (an ELF header).
bool is_aot_object(const std::string& path);

// The module embedded in a compiled object; run it with Engine::aot and
// AotOptions::object_path = path. Throws AotError or HostError.
Module module_from_aot(const std::string& path);

}  // namespace wasishim
