// wasishim: run WebAssembly programs with the WASI reference host.
#include <cstdio>
#include <string_view>

#include "cli/commands.h"
#include "cli/exit_status.h"
#include "cli/usage.h"
#include "wasishim/error.h"

int main(int argc, char** argv) {
  using namespace wasishim::cli;
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return kHostError;
  }
  std::string_view cmd = argv[1];
  if (is_help(cmd) || cmd == "help") {
    if (cmd == "help" && argc > 2) {
      std::string_view topic = argv[2];
      if (topic == "run") print_help(kRunUsage);
      if (topic == "compile") print_help(kCompileUsage);
      if (topic == "caps") print_help(kCapsUsage);
      if (topic == "cache") print_help(kCacheUsage);
    }
    print_help(kUsage);
  }
  if (cmd == "--version") {
    std::printf("wasishim %s\n", WASISHIM_VERSION);
    return 0;
  }
  try {
    if (cmd == "run") return run_command(argc - 2, argv + 2);
    if (cmd == "caps") return caps_command(argc - 2, argv + 2);
    if (cmd == "compile") return compile_command(argc - 2, argv + 2);
    if (cmd == "cache") return cache_command(argc - 2, argv + 2);
  } catch (const wasishim::HostError& e) {
    std::fprintf(stderr, "wasishim: error: %s\n", e.what());
    return kHostError;
  }
  std::fprintf(stderr, "wasishim: error: unknown command '%s'\n(see 'wasishim --help')\n", argv[1]);
  return kHostError;
}
