// The interpreter engine behind a narrow interface. This header and its
// implementation are C++17 with no wabt types exposed, because wabt's headers
// do not compile as C++20 with g++ 12; the rest of the host is C++20.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/runtime.h"

namespace wasishim::interp_engine {

// Value types as one letter: 'i' i32, 'I' i64, 'f' f32, 'F' f64, '?' other.
struct ImportDecl {
  std::string module;
  std::string name;
  std::string kind;
  std::string params;
  std::string results;
};

struct ExportDecl {
  std::string name;
  std::string kind;
  std::string params;
  std::string results;
};

struct ModuleData;  // the decoded, validated module

struct LoadResult {
  std::shared_ptr<const ModuleData> module;  // null on failure
  std::vector<ImportDecl> imports;
  std::vector<ExportDecl> exports;
  std::string error;
};

LoadResult load(const uint8_t* bytes, size_t size, const std::string& name);

using engine::CallResult;
using engine::HostCall;
using engine::Runtime;

// Instantiates the module with every import bound to `host`. Imports must
// already have been checked by the caller; fails only on instantiation traps
// (out-of-range data segments and the like), returning null with `*error` set.
// `max_call_depth` bounds nested guest calls (0: derived from the module's
// stack size, at least 65,536); deeper calls trap with "call stack exhausted".
std::unique_ptr<Runtime> instantiate(std::shared_ptr<const ModuleData> module, HostCall host,
                                     uint32_t max_call_depth, std::string* error);

}  // namespace wasishim::interp_engine
