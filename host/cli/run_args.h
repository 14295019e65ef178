// `wasishim run`'s command line.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "wasishim/aot.h"
#include "wasishim/options.h"

namespace wasishim::cli {

// What `wasishim run` was asked to do.
struct RunArgs {
  WasiOptions wasi;
  std::string module_path;
  std::string invoke;                // empty: run _start
  std::vector<std::string> values;   // --invoke arguments
  std::string trace_path;            // "-": stderr
  bool trace = false;
  Engine engine = Engine::tiered;
  bool verbose = false;
  bool stats = false;                // print the host's I/O counters at the end
  uint32_t max_call_depth = 0;       // 0: the engine's default
};

// Parses the arguments after `run`; a bad command line exits (usage_error).
RunArgs parse_run(int argc, char** argv);

}  // namespace wasishim::cli
