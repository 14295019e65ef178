// `wasishim compile`: a module compiled ahead of time to an object of its own
// (docs/aot.md).
#include "cli/commands.h"

#include <cstdio>
#include <string>
#include <string_view>

#include "cli/aot_options.h"
#include "cli/exit_status.h"
#include "cli/usage.h"
#include "wasishim/host.h"

namespace wasishim::cli {

// `wasishim compile MODULE.wasm -o OUT`: the AOT engine's object, ahead of
// any run (wasishim_add_aot in cmake/WasishimAot.cmake uses it).
int compile_command(int argc, char** argv) {
  std::string input, output;
  bool verbose = false;
  for (int i = 0; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (is_help(arg)) print_help(kCompileUsage);
    if (arg == "-o" && i + 1 < argc) {
      output = argv[++i];
    } else if (arg == "--verbose") {
      verbose = true;
    } else if (!arg.empty() && arg[0] != '-' && input.empty()) {
      input = std::string(arg);
    } else {
      usage_error("usage: wasishim compile MODULE.wasm -o OUT.aot");
    }
  }
  if (input.empty() || output.empty()) usage_error("usage: wasishim compile MODULE.wasm -o OUT.aot");
  try {
    Module module = Module::from_file(input);
    compile_aot(module, output, aot_options(verbose));
    end_progress_line();
  } catch (const HostError& e) {
    end_progress_line();
    std::fprintf(stderr, "wasishim: error: %s\n", e.what());
    return status_for(e);
  }
  return 0;
}

}  // namespace wasishim::cli
