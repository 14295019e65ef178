// What every engine provides to the embedding API: an instantiated module
// whose exports can be called with raw 64-bit values, and whose imports all
// go through one HostCall. Plain C++17 and no engine types, so it can be
// included both by the engines (some of which must build as C++17) and by the
// C++20 host.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace wasishim::engine {

// Called for every call to an imported function. `mem`/`mem_size` is the
// instance's exported memory at the time of the call (null/0 if none).
// Returns false to stop the guest (proc_exit); else `*result` holds the
// function's result if it has one.
using HostCall = std::function<bool(size_t import_index, const uint64_t* args,
                                    uint64_t* result, uint8_t* mem, uint64_t mem_size)>;

struct CallResult {
  enum class Kind { returned, stopped, trapped };
  Kind kind = Kind::returned;
  std::vector<uint64_t> values;  // raw bits
  std::string trap;
  int64_t trap_function = -1;    // function index of the innermost guest frame, if known
};

class Runtime {
 public:
  virtual ~Runtime() = default;
  virtual CallResult call(const std::string& export_name, const std::vector<uint64_t>& args) = 0;
  virtual uint64_t memory_size() const = 0;
};

}  // namespace wasishim::engine
