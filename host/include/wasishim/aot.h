// The ahead-of-time engine: a module translated to C by wasm2c, compiled to a
// native shared object and loaded with dlopen. Same Module/Instance API, same
// WASI implementation as the interpreter; see docs/aot.md.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "wasishim/error.h"

namespace wasishim {

class Module;

enum class Engine {
  interpreter,  // wabt's interpreter: runs any valid module, slowly
  aot,          // the optimized object, compiled now if the cache lacks it;
                // fails with AotError if it cannot be had
  automatic,    // aot if possible, else the interpreter (with a note to `log`)
  tiered,       // `wasishim run`'s default: the optimized object if cached;
                // else a quick-tier object compiled at once (about a second even
                // for SQLite), while the optimized one is compiled in the
                // background (AotOptions::background_compiler) for later runs;
                // the interpreter if neither can be had
};

struct AotOptions {
  // Where compiled objects are kept, named by a hash of the module and of
  // everything that went into compiling them. Empty: $WASISHIM_CACHE_DIR, else
  // $XDG_CACHE_HOME/wasishim, else $HOME/.cache/wasishim, else the account's
  // home directory from the password database + /.cache/wasishim. The
  // directory is created with mode 0700 and refused unless it belongs to this
  // user and no one else can write to it.
  std::string cache_dir;
  // The cache's size limit in bytes, beyond which the least recently used
  // objects are removed. 0: $WASISHIM_CACHE_SIZE (with K, M or G), else 1 GiB.
  uint64_t cache_limit = 0;
  // A compiled object to use instead of the cache (`wasishim run prog.aot`).
  std::string object_path;
  // Engine::tiered: the wasishim executable that compiles the optimized
  // object in the background (`wasishim cache compile-job`). Empty: none is
  // started. $WASISHIM_AOT_BACKGROUND=0 turns them off too.
  std::string background_compiler;
  // Notes for a human: cache hits and misses, compiler runs, fallbacks.
  std::function<void(std::string_view)> log;
  // Called about once a second while a compile runs, with the current step
  // ("wasm2c", "cc 2/5", "tcc", "link") and the seconds since it started.
  std::function<void(std::string_view step, double seconds)> progress;
};

// The AOT engine could not be used for a module: wasm2c rejected it, no C
// compiler, an unusable cache directory. The message names the reason.
class AotError : public HostError {
 public:
  explicit AotError(const std::string& message) : HostError(HostErrorKind::link, message) {}
};

// Compiles `module` to a self-contained object at `output` (it embeds the
// module, so `module_from_aot(output)` needs nothing else). Throws AotError.
void compile_aot(const Module& module, const std::string& output, const AotOptions& options = {});

// The cache directory `options` selects (not created; empty if none).
std::string aot_cache_dir(const AotOptions& options);

// True if the file at `path` is a compiled object (it ends with wasishim's
// object record) rather than a .wasm module.
bool is_aot_object(const std::string& path);

// The module embedded in a compiled object, after checking the object
// against its record; run it with Engine::aot and AotOptions::object_path =
// path. Throws AotError or HostError.
Module module_from_aot(const std::string& path);

// The cache's objects (`wasishim cache ls`), most recently used first.
struct AotCacheEntry {
  std::string file;
  std::string module_hash;
  std::string tier;           // "quick" or "optimized"
  uint64_t bytes = 0;
  int64_t last_used = 0;      // seconds since the epoch
  double compile_seconds = 0;
  double compile_cpu_seconds = 0;
  bool valid = false;         // the object matches the record made when it was compiled
};
std::vector<AotCacheEntry> aot_cache_list(const AotOptions& options);
// Removes everything in the cache (`wasishim cache clean`); returns the bytes
// freed.
uint64_t aot_cache_clean(const AotOptions& options);

// `wasishim cache compile-job DIR KEY`: the background compile; returns the
// process's exit status.
int aot_background_job(const std::string& cache_dir, const std::string& key);

}  // namespace wasishim
