// Compiling one module to an object in one tier (aot_toolchain.h): wasm2c
// translates it to C, the output is split into units (aot_split.h), the
// glue is generated (aot_glue.h), the units are compiled in parallel and
// linked, and the object is sealed with its record (aot_cache.h).
#pragma once

#include <span>
#include <string>

#include "engine/aot_toolchain.h"
#include "engine/module_info.h"
#include "wasishim/aot.h"

namespace wasishim::aot {

struct CompileRequest {
  std::span<const uint8_t> wasm;
  const ModuleLayout* layout = nullptr;
  std::string module_name;  // for messages
  std::string key;
  Tier tier = Tier::optimized;
  bool embed_module = false;  // wasishim compile: the object carries its module
  std::string work_dir;       // private, existing; the caller removes it
  unsigned jobs = 1;
  const AotOptions* options = nullptr;  // progress and log
};

struct CompileResult {
  std::string object;   // the sealed object, inside the work directory
  double wall_seconds = 0;
  double cpu_seconds = 0;  // of the tools this compile ran
};

// Throws AotError naming what failed (a missing tool, wasm2c's refusal, a
// compiler error).
CompileResult compile_object(const CompileRequest& request);

// Whether the quick tier's compiler is there.
bool quick_tier_available();

// Removes a work directory and everything in it.
void remove_work_dir(const std::string& dir);

}  // namespace wasishim::aot
