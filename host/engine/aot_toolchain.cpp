// Tools, flags and keys (aot_toolchain.h).
#include "engine/aot_toolchain.h"

#include <sched.h>
#include <unistd.h>

#include <cstdlib>

#include "engine/aot_sha256.h"

namespace wasishim::aot {

// The sources every object is built with (aot_sources.cpp, generated from
// aot_abi.h, aot_rt.c and aot_eh.h), and the tools found when the host was
// configured.
extern const char kAbiSource[];
extern const char kRuntimeSource[];
extern const char kEhSource[];
extern const char kDefaultWasm2c[];
extern const char kDefaultCc[];
extern const char kDefaultTcc[];
extern const char kDefaultTccRuntime[];
extern const char kWasmRtInclude[];

namespace {

// Bumped whenever the generated glue, the split, the tcc prelude or the
// repairs to wasm2c's output change shape, so old objects miss.
constexpr const char* kGlueVersion = "wasishim-aot-glue-3";

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

Toolchain make_toolchain() {
  Toolchain t;
  t.wasm2c = env_or("WASISHIM_WASM2C", *kDefaultWasm2c ? kDefaultWasm2c : "wasm2c");
  t.wasm2c_flags = {"--enable-exceptions"};  // clang lowers setjmp/longjmp to them
  t.cc = env_or("WASISHIM_CC", *kDefaultCc ? kDefaultCc : "cc");
  t.tcc = env_or("WASISHIM_TCC", *kDefaultTcc ? kDefaultTcc : "tcc");
  t.tcc_runtime = env_or("WASISHIM_TCC_RUNTIME", kDefaultTccRuntime);
  const std::string inc = env_or("WASISHIM_WASM_RT_INCLUDE", kWasmRtInclude);
  std::vector<std::string> common = {"-fPIC", "-DNDEBUG", "-w"};
  if (!inc.empty() && inc != "/usr/include") common.push_back("-I" + inc);
  // aot_eh.h, written into the work directory, goes into every unit.
  common.insert(common.end(), {"-include", "wasishim_eh.h"});
  t.optimize_flags = {env_or("WASISHIM_AOT_OPT", "-O2"), "-fvisibility=hidden"};
  if (const char* u = std::getenv("WASISHIM_AOT_UNITS"); u && *u) {
    long n = std::strtol(u, nullptr, 10);
    if (n > 0 && n < 4096) t.max_units = static_cast<unsigned>(n);
  }
  t.optimize_flags.insert(t.optimize_flags.end(), common.begin(), common.end());
  t.tcc_flags = common;
  // Only the descriptor is exported (a version script); -z defs makes a
  // missing symbol fail the compile rather than a later dlopen.
  t.link_flags = {"-shared", "-Wl,-z,defs", "-Wl,-z,noexecstack", "-Wl,--version-script=exports.map"};
  t.link_libs = {"-lm"};  // wasm2c's float operations call sqrt, floor, ...
  return t;
}

std::string hash_tools(Tier tier) {
  const Toolchain& t = toolchain();
  Sha256 h;
  auto add = [&](const std::string& s) { h.update(s + "\n"); };
  auto add_all = [&](const std::vector<std::string>& v) {
    for (const auto& s : v) add(s);
  };
  add(kGlueVersion);
  add(tier_name(tier));
  h.update(kAbiSource);
  h.update(kRuntimeSource);
  h.update(kEhSource);
  add(t.wasm2c);
  add_all(t.wasm2c_flags);
  add(t.cc);
  add_all(t.link_flags);
  add_all(t.link_libs);
  if (t.max_units) add("units " + std::to_string(t.max_units));
  if (tier == Tier::optimized) {
    add_all(t.optimize_flags);
  } else {
    add(t.tcc);
    add_all(t.tcc_flags);
    add(t.tcc_runtime);
  }
  return h.hex_digest().substr(0, 16);
}

}  // namespace

const char* tier_name(Tier tier) { return tier == Tier::quick ? "quick" : "optimized"; }

const Toolchain& toolchain() {
  static const Toolchain t = make_toolchain();
  return t;
}

const std::string& tools_hash(Tier tier) {
  static const std::string quick = hash_tools(Tier::quick);
  static const std::string optimized = hash_tools(Tier::optimized);
  return tier == Tier::quick ? quick : optimized;
}

std::string object_key(const std::string& module_hash, Tier tier) {
  return module_hash + "-" + tools_hash(tier);
}

std::string module_part(const std::string& key) { return key.substr(0, key.find('-')); }

unsigned compile_jobs() {
  if (const char* j = std::getenv("WASISHIM_AOT_JOBS"); j && *j) {
    long n = std::strtol(j, nullptr, 10);
    if (n > 0 && n < 1024) return static_cast<unsigned>(n);
  }
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    int n = CPU_COUNT(&set);
    if (n > 0) return static_cast<unsigned>(n);
  }
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? static_cast<unsigned>(n) : 1;
}

}  // namespace wasishim::aot
