// `wasishim caps`: what a module asks for, by capability group.
#include "cli/commands.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "cli/exit_status.h"
#include "cli/usage.h"
#include "wasishim/capabilities.h"
#include "wasishim/host.h"

namespace wasishim::cli {

// `wasishim caps`: what a module asks for, by capability group.
int caps_command(int argc, char** argv) {
  for (int i = 0; i < argc; ++i) {
    if (is_help(argv[i])) print_help(kCapsUsage);
  }
  if (argc != 1) usage_error("caps takes exactly one module");
  const std::string path = argv[0];
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) {
    std::fprintf(stderr, "wasishim: error: cannot read module '%s': %s\n", path.c_str(), std::strerror(errno));
    return errno == ENOENT ? kModuleNotFound : kHostError;
  }
  try {
    Module module = Module::from_file(path);
    const bool command = module.is_command();
    std::printf("%s: %s\n", path.c_str(),
                command ? "command (exports _start)"
                        : module.find_export("_initialize") ? "reactor (exports _initialize)"
                                                            : "reactor (no _start, no _initialize)");
    std::map<std::string, std::vector<std::string>> by_group;
    std::vector<std::string> foreign;
    for (const auto& imp : module.imports()) {
      std::string_view g = imp.module == "wasi_snapshot_preview1" ? group_of(imp.name) : std::string_view();
      if (g.empty()) foreign.push_back(imp.module + "::" + imp.name);
      else by_group[std::string(g)].push_back(imp.name);
    }
    if (by_group.empty()) std::printf("asks for no WASI capabilities\n");
    for (const auto& g : capability_groups()) {
      auto it = by_group.find(std::string(g.name));
      if (it == by_group.end()) continue;
      std::string list;
      for (const auto& f : it->second) list += (list.empty() ? "" : ", ") + f;
      std::printf("  %-15s %s\n  %-15s   (%s)\n", std::string(g.name).c_str(), list.c_str(), "",
                  std::string(g.description).c_str());
    }
    for (const auto& f : foreign) std::printf("  %-15s %s (not provided by wasishim)\n", "unknown", f.c_str());
    return 0;
  } catch (const HostError& e) {
    std::fprintf(stderr, "wasishim: error: %s\n", e.what());
    return status_for(e);
  }
}

}  // namespace wasishim::cli
