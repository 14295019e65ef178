// wasishim: run WebAssembly programs with the WASI reference host.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "cli/exit_status.h"
#include "wasishim/host.h"

extern char** environ;

namespace wasishim::cli {
namespace {

constexpr const char* kUsage =
    "usage: wasishim run [options] MODULE.wasm [ARGS...]\n"
    "\n"
    "options:\n"
    "  --dir HOST[::GUEST]   preopen directory HOST, visible to the guest as GUEST\n"
    "                        (default: the same name as HOST)\n"
    "  --dir-ro HOST[::GUEST]  the same, read-only\n"
    "  --env NAME=VALUE      set a guest environment variable\n"
    "  --env NAME            pass the host's value of NAME to the guest\n"
    "  -h, --help            show this help\n"
    "  --version             show the version\n"
    "\n"
    "exit status: the guest's own status (0-124); 125 if the guest exited with a\n"
    "status above 124; 126 if the host could not run the module; 127 if the module\n"
    "file does not exist; 134 if the guest trapped.\n";

[[noreturn]] void usage_error(const std::string& message) {
  std::fprintf(stderr, "wasishim: error: %s\n(see 'wasishim --help')\n", message.c_str());
  std::exit(kHostError);
}

Preopen parse_dir(std::string_view spec, bool read_only) {
  Preopen p;
  auto sep = spec.find("::");
  p.host_path = std::string(spec.substr(0, sep));
  p.guest_path = sep == std::string_view::npos ? p.host_path : std::string(spec.substr(sep + 2));
  p.read_only = read_only;
  if (p.host_path.empty() || p.guest_path.empty()) usage_error("bad --dir value '" + std::string(spec) + "'");
  return p;
}

struct RunArgs {
  WasiOptions wasi;
  std::string module_path;
};

RunArgs parse_run(int argc, char** argv) {
  RunArgs run;
  int i = 0;
  auto value = [&](std::string_view arg, std::string_view flag) -> std::string {
    if (arg.size() > flag.size() && arg[flag.size()] == '=') return std::string(arg.substr(flag.size() + 1));
    if (i + 1 >= argc) usage_error(std::string(flag) + " needs a value");
    return argv[++i];
  };
  auto is_flag = [](std::string_view arg, std::string_view flag) {
    return arg == flag || (arg.size() > flag.size() && arg.substr(0, flag.size()) == flag && arg[flag.size()] == '=');
  };
  for (; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--") { ++i; break; }
    if (arg.empty() || arg[0] != '-') break;
    if (is_flag(arg, "--dir")) {
      run.wasi.preopens.push_back(parse_dir(value(arg, "--dir"), false));
    } else if (is_flag(arg, "--dir-ro")) {
      run.wasi.preopens.push_back(parse_dir(value(arg, "--dir-ro"), true));
    } else if (is_flag(arg, "--env")) {
      std::string kv = value(arg, "--env");
      if (kv.find('=') == std::string::npos) {
        const char* host_value = std::getenv(kv.c_str());
        if (!host_value) continue;
        kv += "=" + std::string(host_value);
      }
      run.wasi.env.push_back(kv);
    } else {
      usage_error("unknown option '" + std::string(arg) + "'");
    }
  }
  if (i >= argc) usage_error("no module given");
  run.module_path = argv[i];
  for (; i < argc; ++i) run.wasi.args.push_back(argv[i]);
  return run;
}

int status_for(const HostError&) {
  return kHostError;
}

int run_command(int argc, char** argv) {
  RunArgs run = parse_run(argc, argv);
  struct stat st {};
  if (stat(run.module_path.c_str(), &st) != 0) {
    std::fprintf(stderr, "wasishim: error: cannot read module '%s': %s\n", run.module_path.c_str(),
                 std::strerror(errno));
    return errno == ENOENT ? kModuleNotFound : kHostError;
  }
  try {
    Module module = Module::from_file(run.module_path);
    Instance instance(module, InstanceOptions{run.wasi});
    Outcome out = instance.run_start();
    std::fflush(stdout);
    switch (out.kind) {
      case Outcome::Kind::exited:
        if (out.exit_code > static_cast<uint32_t>(kGuestStatusMax)) {
          std::fprintf(stderr, "wasishim: guest exited with status %u\n", out.exit_code);
          return kGuestStatusHigh;
        }
        return static_cast<int>(out.exit_code);
      case Outcome::Kind::trapped:
        std::fprintf(stderr, "wasishim: trap: %s%s%s\n", out.trap.c_str(),
                     out.function.empty() ? "" : " in function ", out.function.c_str());
        return kTrap;
      case Outcome::Kind::returned:
        return 0;
    }
  } catch (const HostError& e) {
    std::fprintf(stderr, "wasishim: error: %s\n", e.what());
    return status_for(e);
  }
  return 0;
}

}  // namespace
}  // namespace wasishim::cli

int main(int argc, char** argv) {
  using namespace wasishim::cli;
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return kHostError;
  }
  std::string_view cmd = argv[1];
  if (cmd == "-h" || cmd == "--help" || cmd == "help") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (cmd == "--version") {
    std::printf("wasishim %s\n", WASISHIM_VERSION);
    return 0;
  }
  if (cmd == "run") return run_command(argc - 2, argv + 2);
  std::fprintf(stderr, "wasishim: error: unknown command '%s'\n(see 'wasishim --help')\n", argv[1]);
  return kHostError;
}
