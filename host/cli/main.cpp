// wasishim: run WebAssembly programs with the WASI reference host.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "cli/exit_status.h"
#include "wasi/policy.h"
#include "wasi/types.h"
#include "wasishim/host.h"

namespace wasishim::cli {
namespace {

constexpr const char* kUsage =
    "usage: wasishim run [options] MODULE.wasm [ARGS...]\n"
    "       wasishim run [options] --invoke NAME MODULE.wasm [VALUES...]\n"
    "       wasishim caps MODULE.wasm\n"
    "       wasishim compile MODULE.wasm -o MODULE.aot\n"
    "       wasishim run [options] MODULE.aot [ARGS...]\n"
    "\n"
    "run options:\n"
    "  --dir HOST[::GUEST]   preopen directory HOST, visible to the guest as GUEST\n"
    "                        (default: the same name as HOST)\n"
    "  --dir-ro HOST[::GUEST]  the same, read-only\n"
    "  --env NAME=VALUE      set a guest environment variable\n"
    "  --env NAME            pass the host's value of NAME to the guest\n"
    "  --stats               print the host's counters of WASI calls and bytes read\n"
    "                        and written on stderr when the guest ends\n"
    "  --kill-after-calls N  crash testing: after the guest's Nth WASI call, kill\n"
    "                        the host process with SIGKILL at the next one\n"
    "  --invoke NAME         call the exported function NAME (after _initialize, if\n"
    "                        exported) with VALUES parsed per its signature, and\n"
    "                        print its results, one per line\n"
    "  --deny GROUP,...      refuse modules importing these capability groups or\n"
    "                        WASI functions (see 'wasishim caps')\n"
    "  --deny-stub           instead of refusing, make denied imports return notcapable\n"
    "  --fail-write N:ERRNO  fault injection: the Nth write to a file (fd_write or\n"
    "                        fd_pwrite on a descriptor above 2) fails with ERRNO\n"
    "                        (io, nospc, ... or a number); may be repeated\n"
    "  --trace[=FILE]        log every WASI call (arguments, result, errno) to stderr\n"
    "                        or FILE\n"
    "  --aot                 compile the module to native code (cached) and run that;\n"
    "                        fail if it cannot be compiled (docs/aot.md)\n"
    "  --aot=auto            the same, but fall back to the interpreter\n"
    "  --verbose             report AOT cache hits and compiler runs on stderr\n"
    "  -h, --help            show this help\n"
    "  --version             show the version\n"
    "\n"
    "exit status: the guest's own status (0-124); 125 if the guest exited with a\n"
    "status above 124; 126 if the host could not run the module; 127 if the module\n"
    "file does not exist; 128+N if the guest raised signal N; 134 if the guest\n"
    "trapped.\n";

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

std::vector<std::string> split_commas(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    size_t c = s.find(',');
    if (c != 0) out.emplace_back(s.substr(0, c));
    if (c == std::string_view::npos) break;
    s.remove_prefix(c + 1);
  }
  return out;
}

// One line a counter, each "name value", so scripts (bench/) can read them.
void print_stats(const IoStats& st) {
  std::fprintf(stderr,
               "wasishim: stats: wasi_calls %llu\n"
               "wasishim: stats: read_calls %llu\n"
               "wasishim: stats: bytes_read %llu\n"
               "wasishim: stats: write_calls %llu\n"
               "wasishim: stats: bytes_written %llu\n",
               static_cast<unsigned long long>(st.wasi_calls),
               static_cast<unsigned long long>(st.read_calls),
               static_cast<unsigned long long>(st.bytes_read),
               static_cast<unsigned long long>(st.write_calls),
               static_cast<unsigned long long>(st.bytes_written));
}

struct RunArgs {
  WasiOptions wasi;
  std::string module_path;
  std::string invoke;                // empty: run _start
  std::vector<std::string> values;   // --invoke arguments
  std::string trace_path;            // "-": stderr
  bool trace = false;
  Engine engine = Engine::interpreter;
  bool verbose = false;
  bool stats = false;                // print the host's I/O counters at the end
};

// How AOT compiles talk to the user: progress while a compile runs, notes
// with --verbose, and always the one-line note when --aot=auto falls back.
AotOptions aot_options(bool verbose) {
  AotOptions aot;
  aot.log = [verbose](std::string_view line) {
    bool note = line.substr(0, 5) == "note:";
    if (!verbose && !note) return;
    if (note && !verbose) line = line.substr(0, line.find('\n'));
    std::fprintf(stderr, "wasishim: %.*s\n", static_cast<int>(line.size()), line.data());
  };
  aot.progress = [tty = isatty(2) != 0](std::string_view step, double seconds) {
    int s = static_cast<int>(seconds);
    if (tty) {
      std::fprintf(stderr, "\rwasishim: compiling to native code (%.*s), %d s\x1b[K",
                   static_cast<int>(step.size()), step.data(), s);
    } else if (s % 10 == 5) {
      std::fprintf(stderr, "wasishim: compiling to native code (%.*s), %d s\n",
                   static_cast<int>(step.size()), step.data(), s);
    }
  };
  return aot;
}

void end_progress_line() {
  if (isatty(2)) std::fputs("\r\x1b[K", stderr);
}

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
    } else if (is_flag(arg, "--invoke")) {
      run.invoke = value(arg, "--invoke");
      if (run.invoke.empty()) usage_error("--invoke needs a function name");
    } else if (is_flag(arg, "--deny")) {
      for (auto& g : split_commas(value(arg, "--deny"))) run.wasi.policy.deny.push_back(g);
    } else if (arg == "--stats") {
      run.stats = true;
    } else if (arg == "--deny-stub") {
      run.wasi.policy.stub_denied = true;
    } else if (arg == "--trace") {
      run.trace = true;
      run.trace_path = "-";
    } else if (arg.substr(0, 8) == "--trace=") {
      run.trace = true;
      run.trace_path = std::string(arg.substr(8));
      if (run.trace_path.empty()) usage_error("--trace= needs a file name");
    } else if (is_flag(arg, "--kill-after-calls")) {
      std::string n = value(arg, "--kill-after-calls");
      char* end = nullptr;
      run.wasi.kill_after_calls = std::strtoull(n.c_str(), &end, 10);
      if (n.empty() || *end || run.wasi.kill_after_calls == 0) usage_error("bad --kill-after-calls value '" + n + "'");
    } else if (is_flag(arg, "--fail-write")) {
      // N:ERRNO, ERRNO a WASI errno name (io, nospc, ...) or number.
      std::string v = value(arg, "--fail-write");
      size_t colon = v.find(':');
      char* end = nullptr;
      uint64_t n = std::strtoull(v.substr(0, colon).c_str(), &end, 10);
      if (colon == std::string::npos || n == 0 || *end) usage_error("bad --fail-write value '" + v + "'");
      std::string name = v.substr(colon + 1);
      int code = -1;
      for (int c = 1; c <= 76; ++c)
        if (name == wasi::errno_name(static_cast<wasi::Errno>(c))) code = c;
      if (code < 0) {
        code = static_cast<int>(std::strtol(name.c_str(), &end, 10));
        if (name.empty() || *end || code <= 0 || code > 76) usage_error("bad --fail-write errno '" + name + "'");
      }
      run.wasi.fail_writes.emplace_back(n, static_cast<uint16_t>(code));
    } else if (arg == "--aot" || arg == "--aot=on") {
      run.engine = Engine::aot;
    } else if (arg == "--aot=auto") {
      run.engine = Engine::automatic;
    } else if (arg == "--aot=off") {
      run.engine = Engine::interpreter;
    } else if (arg == "--verbose") {
      run.verbose = true;
    } else {
      usage_error("unknown option '" + std::string(arg) + "'");
    }
  }
  if (i >= argc) usage_error("no module given");
  run.module_path = argv[i];
  if (!run.invoke.empty()) {
    run.wasi.args.push_back(argv[i]);
    for (++i; i < argc; ++i) run.values.push_back(argv[i]);
  } else {
    for (; i < argc; ++i) run.wasi.args.push_back(argv[i]);
  }
  return run;
}

int status_for(const HostError&) {
  return kHostError;
}

const char* signal_name(uint8_t sig) {
  static constexpr const char* names[] = {
      "NONE", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS",
      "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
      "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
      "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGPOLL", "SIGPWR", "SIGSYS"};
  return sig < std::size(names) ? names[sig] : "?";
}

// The process status for a guest that did not return normally; -1 if it
// returned.
int status_of(const Outcome& out) {
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
    case Outcome::Kind::signaled:
      std::fprintf(stderr, "wasishim: guest raised signal %s\n", signal_name(out.signal));
      return kSignalBase + out.signal;
    case Outcome::Kind::returned:
      return -1;
  }
  return -1;
}

// Parses one --invoke value as the parameter type `type`.
uint64_t parse_value(const std::string& text, char type) {
  errno = 0;
  char* end = nullptr;
  uint64_t bits = 0;
  switch (type) {
    case 'i':
    case 'I': {
      const bool negative = !text.empty() && text[0] == '-';
      if (negative) {
        long long v = std::strtoll(text.c_str(), &end, 0);
        if (type == 'i' && v < INT32_MIN) errno = ERANGE;
        bits = type == 'i' ? static_cast<uint32_t>(static_cast<int32_t>(v)) : static_cast<uint64_t>(v);
      } else {
        unsigned long long v = std::strtoull(text.c_str(), &end, 0);
        if (type == 'i' && v > UINT32_MAX) errno = ERANGE;
        bits = v;
      }
      break;
    }
    case 'f': {
      float f = std::strtof(text.c_str(), &end);
      uint32_t b;
      std::memcpy(&b, &f, 4);
      bits = b;
      break;
    }
    case 'F': {
      double d = std::strtod(text.c_str(), &end);
      std::memcpy(&bits, &d, 8);
      break;
    }
    default:
      usage_error("--invoke cannot pass a value of this parameter type");
  }
  if (text.empty() || errno == ERANGE || !end || *end != '\0') {
    const char* name = type == 'i' ? "i32" : type == 'I' ? "i64" : type == 'f' ? "f32" : "f64";
    usage_error("'" + text + "' is not a valid " + name + " value");
  }
  return bits;
}

void print_value(uint64_t bits, char type) {
  switch (type) {
    case 'i': std::printf("%" PRId32 "\n", static_cast<int32_t>(static_cast<uint32_t>(bits))); break;
    case 'I': std::printf("%" PRId64 "\n", static_cast<int64_t>(bits)); break;
    case 'f': {
      uint32_t b = static_cast<uint32_t>(bits);
      float f;
      std::memcpy(&f, &b, 4);
      std::printf("%.9g\n", static_cast<double>(f));
      break;
    }
    case 'F': {
      double d;
      std::memcpy(&d, &bits, 8);
      std::printf("%.17g\n", d);
      break;
    }
    default: std::printf("0x%" PRIx64 "\n", bits);
  }
}

int invoke_export(Module& module, Instance& instance, const RunArgs& run) {
  const ExportInfo* exp = module.find_export(run.invoke);
  if (!exp || exp->kind != "func") {
    throw HostError(HostErrorKind::link, "module exports no function '" + run.invoke + "'");
  }
  if (run.values.size() != exp->params.size()) {
    usage_error("'" + run.invoke + "' takes " + std::to_string(exp->params.size()) + " argument(s), got " +
                std::to_string(run.values.size()));
  }
  std::vector<uint64_t> args;
  for (size_t k = 0; k < run.values.size(); ++k) args.push_back(parse_value(run.values[k], exp->params[k]));
  Outcome init = instance.initialize();
  if (int s = status_of(init); s >= 0) return s;
  Outcome out = instance.invoke(run.invoke, args);
  std::fflush(stdout);
  if (int s = status_of(out); s >= 0) return s;
  for (size_t k = 0; k < out.values.size() && k < exp->results.size(); ++k) {
    print_value(out.values[k], exp->results[k]);
  }
  return 0;
}

int run_command(int argc, char** argv) {
  RunArgs run = parse_run(argc, argv);
  struct stat st {};
  if (stat(run.module_path.c_str(), &st) != 0) {
    std::fprintf(stderr, "wasishim: error: cannot read module '%s': %s\n", run.module_path.c_str(),
                 std::strerror(errno));
    return errno == ENOENT ? kModuleNotFound : kHostError;
  }
  std::FILE* trace_file = nullptr;
  if (run.trace) {
    if (run.trace_path == "-") {
      run.wasi.trace = stderr;
    } else {
      trace_file = std::fopen(run.trace_path.c_str(), "w");
      if (!trace_file) {
        std::fprintf(stderr, "wasishim: error: cannot write trace file '%s': %s\n", run.trace_path.c_str(),
                     std::strerror(errno));
        return kHostError;
      }
      run.wasi.trace = trace_file;
    }
  }
  struct Closer {
    std::FILE* f;
    ~Closer() { if (f) std::fclose(f); }
  } closer{trace_file};
  try {
    InstanceOptions options;
    options.wasi = run.wasi;
    options.engine = run.engine;
    options.aot = aot_options(run.verbose);
    if (is_aot_object(run.module_path)) {
      options.engine = Engine::aot;
      options.aot.object_path = run.module_path;
    }
    Module module = options.aot.object_path.empty() ? Module::from_file(run.module_path)
                                                    : module_from_aot(run.module_path);
    Instance instance(module, options);
    end_progress_line();
    int s;
    if (!run.invoke.empty()) {
      s = invoke_export(module, instance, run);
    } else {
      Outcome out = instance.run_start();
      std::fflush(stdout);
      s = status_of(out);
      if (s < 0) s = 0;
    }
    if (run.stats) print_stats(instance.io_stats());
    return s;
  } catch (const HostError& e) {
    std::fprintf(stderr, "wasishim: error: %s\n", e.what());
    return status_for(e);
  }
}

// `wasishim compile MODULE.wasm -o OUT`: the AOT engine's object, ahead of
// any run (wasishim_add_aot in cmake/WasishimAot.cmake uses it).
int compile_command(int argc, char** argv) {
  std::string input, output;
  bool verbose = false;
  for (int i = 0; i < argc; ++i) {
    std::string_view arg = argv[i];
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

// `wasishim caps`: what a module asks for, by capability group.
int caps_command(int argc, char** argv) {
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
  try {
    if (cmd == "run") return run_command(argc - 2, argv + 2);
    if (cmd == "caps") return caps_command(argc - 2, argv + 2);
    if (cmd == "compile") return compile_command(argc - 2, argv + 2);
  } catch (const wasishim::HostError& e) {
    std::fprintf(stderr, "wasishim: error: %s\n", e.what());
    return kHostError;
  }
  std::fprintf(stderr, "wasishim: error: unknown command '%s'\n(see 'wasishim --help')\n", argv[1]);
  return kHostError;
}
