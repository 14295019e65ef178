// The tools that compile modules, their flags, and the cache keys they give.
//
// Two tiers (docs/aot.md explains the choice, with measurements):
//   quick      wasm2c, then tcc on the functions: a module compiles in about a
//              second, even SQLite; the code runs 2-4x slower than `optimized`.
//   optimized  wasm2c, then cc -O2 on the functions split into units that
//              compile in parallel: minutes for SQLite, native-speed code.
// `wasishim run` runs the optimized object when the cache has it; otherwise it
// compiles the quick tier at once and the optimized one in the background.
#pragma once

#include <string>
#include <vector>

namespace wasishim::aot {

enum class Tier { quick, optimized };
const char* tier_name(Tier tier);

struct Toolchain {
  std::string wasm2c;
  // WebAssembly features wasm2c must accept: the one place to enable a
  // proposal for compiled code. The interpreter's features are set in
  // interp_engine.cpp (load); keep the two in step.
  std::vector<std::string> wasm2c_flags;
  std::string cc;                        // the optimized tier, and every link
  std::vector<std::string> optimize_flags;  // the optimized tier's units
  std::string tcc;                       // the quick tier's units
  std::vector<std::string> tcc_flags;
  std::string tcc_runtime;               // libtcc1.a: helpers tcc's code calls
  std::vector<std::string> link_flags;   // before the objects
  std::vector<std::string> link_libs;    // after them
  unsigned max_units = 0;                // 0: as many as the compile wants
};

// From the environment (WASISHIM_WASM2C, WASISHIM_CC, WASISHIM_TCC,
// WASISHIM_TCC_RUNTIME, WASISHIM_WASM_RT_INCLUDE) and what the build found.
// Two more variables exist for measuring alternatives (bench/
// compile_alternatives): WASISHIM_AOT_OPT replaces -O2 in the optimized tier,
// WASISHIM_AOT_UNITS caps the number of units the C is split into. Read once
// per process.
const Toolchain& toolchain();

// A hash of everything that shapes a tier's object besides the module: the
// glue, the ABI and runtime sources, the tools and their flags.
const std::string& tools_hash(Tier tier);

// The cache key of a module's object in a tier: "MODULEHASH-TOOLSHASH".
std::string object_key(const std::string& module_hash, Tier tier);
// The module hash part of a key.
std::string module_part(const std::string& key);

// How many compiler processes to run at once: $WASISHIM_AOT_JOBS, else the
// number of processors this process may run on.
unsigned compile_jobs();

}  // namespace wasishim::aot
