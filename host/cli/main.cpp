// wasishim: run WebAssembly programs with the WASI reference host.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "cli/exit_status.h"
#include "wasishim/capabilities.h"
#include "wasishim/host.h"

namespace wasishim::cli {
namespace {

constexpr const char* kUsage =
    "usage: wasishim run [options] MODULE.wasm [ARGS...]\n"
    "       wasishim run [options] --invoke NAME MODULE.wasm [VALUES...]\n"
    "       wasishim run [options] MODULE.aot [ARGS...]\n"
    "       wasishim compile MODULE.wasm -o MODULE.aot\n"
    "       wasishim caps MODULE.wasm\n"
    "       wasishim cache ls|clean|dir\n"
    "\n"
    "'wasishim COMMAND --help' describes each command's options.\n"
    "  -h, --help            show this help\n"
    "  --version             show the version\n";

constexpr const char* kRunUsage =
    "usage: wasishim run [options] MODULE.wasm [ARGS...]\n"
    "       wasishim run [options] --invoke NAME MODULE.wasm [VALUES...]\n"
    "       wasishim run [options] MODULE.aot [ARGS...]\n"
    "\n"
    "Runs a WebAssembly command (its _start), or calls one export with --invoke.\n"
    "\n"
    "options:\n"
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
    "  --engine=ENGINE       how to run the module (docs/aot.md):\n"
    "                          auto (the default): native code at once, from the\n"
    "                            cache or a quick compile (about a second even for\n"
    "                            large modules), with optimized code compiled in the\n"
    "                            background for later runs; the interpreter if the\n"
    "                            module cannot be compiled\n"
    "                          aot: optimized native code, compiled now if it is not\n"
    "                            cached; fail if it cannot be compiled\n"
    "                          interp: wabt's interpreter\n"
    "  --aot                 the same as --engine=aot\n"
    "  --aot=auto            optimized native code, or the interpreter if the module\n"
    "                        cannot be compiled\n"
    "  --aot=off             the same as --engine=interp\n"
    "  --max-call-depth N    the interpreter's limit on nested guest calls (default:\n"
    "                        what the module's stack allows, at least 65536)\n"
    "  --verbose             report AOT cache hits, compiler runs and progress on\n"
    "                        stderr (progress is also shown when stderr is a terminal)\n"
    "  -h, --help            show this help\n"
    "\n"
    "exit status: the guest's own status (0-124); 125 if the guest exited with a\n"
    "status above 124; 126 if the host could not run the module; 127 if the module\n"
    "file does not exist; 128+N if the guest raised signal N; 134 if the guest\n"
    "trapped.\n";

constexpr const char* kCompileUsage =
    "usage: wasishim compile [--verbose] MODULE.wasm -o OUT.aot\n"
    "\n"
    "Compiles a module to native code ahead of time. OUT.aot embeds the module and\n"
    "runs with 'wasishim run OUT.aot' on a machine like this one (docs/aot.md).\n"
    "\n"
    "options:\n"
    "  -o FILE               where to write the compiled object\n"
    "  --verbose             report the compiler runs and progress on stderr\n"
    "  -h, --help            show this help\n";

constexpr const char* kCacheUsage =
    "usage: wasishim cache ls     list the compiled objects, most recently used first\n"
    "       wasishim cache clean  remove every compiled object\n"
    "       wasishim cache dir    print the cache directory\n"
    "\n"
    "The cache holds native code compiled from modules, named by a hash of the\n"
    "module and of the tools. It is $WASISHIM_CACHE_DIR, else\n"
    "$XDG_CACHE_HOME/wasishim, else ~/.cache/wasishim; private to you (mode 0700,\n"
    "refused if anyone else can write to it) and limited to $WASISHIM_CACHE_SIZE\n"
    "bytes (K, M, G suffixes; default 1G), the least recently used objects going\n"
    "first (docs/aot.md).\n"
    "\n"
    "options:\n"
    "  -h, --help            show this help\n";

constexpr const char* kCapsUsage =
    "usage: wasishim caps MODULE.wasm\n"
    "\n"
    "Prints whether the module is a command or a reactor, and the WASI functions it\n"
    "imports, by capability group (the names --deny takes).\n"
    "\n"
    "options:\n"
    "  -h, --help            show this help\n";

bool is_help(std::string_view arg) { return arg == "-h" || arg == "--help"; }

[[noreturn]] void print_help(const char* text) {
  std::fputs(text, stdout);
  std::exit(0);
}

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
  Engine engine = Engine::tiered;
  bool verbose = false;
  bool stats = false;                // print the host's I/O counters at the end
  uint32_t max_call_depth = 0;       // 0: the engine's default
};

// How AOT compiles talk to the user: notes with --verbose, and always the
// one-line note when --aot=auto falls back. Progress while a compile runs only
// with --verbose or on a terminal: programs' test suites compare stderr, and a
// cold cache must not change what they see.
AotOptions aot_options(bool verbose) {
  AotOptions aot;
  aot.log = [verbose](std::string_view line) {
    bool note = line.substr(0, 5) == "note:";
    if (!verbose && !note) return;
    if (note && !verbose) line = line.substr(0, line.find('\n'));
    std::fprintf(stderr, "wasishim: %.*s\n", static_cast<int>(line.size()), line.data());
  };
  const bool tty = isatty(2) != 0;
  if (!verbose && !tty) return aot;
  aot.progress = [tty, last = -1](std::string_view step, double seconds) mutable {
    int s = static_cast<int>(seconds);
    if (s == last) return;
    last = s;
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

// This program, for the background compiles it starts (aot_background.h).
std::string self_executable() {
  char buf[4096];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return "";
  buf[n] = '\0';
  return buf;
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
    if (is_help(arg)) print_help(kRunUsage);
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
      int code = wasi_errno_from_name(name).value_or(-1);
      if (code < 0) {
        code = static_cast<int>(std::strtol(name.c_str(), &end, 10));
        if (name.empty() || *end || code <= 0 || code > 76) usage_error("bad --fail-write errno '" + name + "'");
      }
      run.wasi.fail_writes.emplace_back(n, static_cast<uint16_t>(code));
    } else if (is_flag(arg, "--engine")) {
      std::string e = value(arg, "--engine");
      if (e == "auto") run.engine = Engine::tiered;
      else if (e == "aot") run.engine = Engine::aot;
      else if (e == "interp" || e == "interpreter") run.engine = Engine::interpreter;
      else usage_error("bad --engine value '" + e + "' (auto, aot or interp)");
    } else if (arg == "--aot" || arg == "--aot=on") {
      run.engine = Engine::aot;
    } else if (arg == "--aot=auto") {
      run.engine = Engine::automatic;
    } else if (arg == "--aot=off") {
      run.engine = Engine::interpreter;
    } else if (arg == "--verbose") {
      run.verbose = true;
    } else if (is_flag(arg, "--max-call-depth")) {
      std::string n = value(arg, "--max-call-depth");
      char* end = nullptr;
      unsigned long long depth = std::strtoull(n.c_str(), &end, 10);
      if (n.empty() || *end || depth == 0 || depth > (1u << 24)) {
        usage_error("bad --max-call-depth value '" + n + "' (1 to 16777216)");
      }
      run.max_call_depth = static_cast<uint32_t>(depth);
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
  if (!out.flush_problem.empty()) std::fprintf(stderr, "wasishim: %s\n", out.flush_problem.c_str());
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
    options.max_call_depth = run.max_call_depth;
    options.aot = aot_options(run.verbose);
    options.aot.background_compiler = self_executable();
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

// `wasishim cache`: the AOT object cache.
int cache_command(int argc, char** argv) {
  for (int i = 0; i < argc; ++i) {
    if (is_help(argv[i])) print_help(kCacheUsage);
  }
  if (argc == 3 && std::string_view(argv[0]) == "compile-job") {
    return aot_background_job(argv[1], argv[2]);  // started by a run, not documented for users
  }
  if (argc != 1) usage_error("usage: wasishim cache ls|clean|dir");
  std::string_view sub = argv[0];
  AotOptions options;
  try {
    if (sub == "dir") {
      std::printf("%s\n", aot_cache_dir(options).c_str());
      return 0;
    }
    if (sub == "ls") {
      std::printf("%s\n", aot_cache_dir(options).c_str());
      uint64_t total = 0;
      for (const AotCacheEntry& e : aot_cache_list(options)) {
        char when[32] = "?";
        time_t t = static_cast<time_t>(e.last_used);
        if (struct tm tm {}; localtime_r(&t, &tm)) std::strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
        std::printf("  %-16.16s %-9s %10llu bytes  used %s  compiled in %.1f s (%.1f s CPU)%s\n",
                    e.module_hash.c_str(), e.tier.c_str(), static_cast<unsigned long long>(e.bytes), when,
                    e.compile_seconds, e.compile_cpu_seconds, e.valid ? "" : "  DAMAGED (removed when next used)");
        total += e.bytes;
      }
      std::printf("total %llu bytes\n", static_cast<unsigned long long>(total));
      return 0;
    }
    if (sub == "clean") {
      uint64_t freed = aot_cache_clean(options);
      std::printf("removed %llu bytes from %s\n", static_cast<unsigned long long>(freed),
                  aot_cache_dir(options).c_str());
      return 0;
    }
  } catch (const HostError& e) {
    std::fprintf(stderr, "wasishim: error: %s\n", e.what());
    return kHostError;
  }
  usage_error("unknown cache command '" + std::string(sub) + "' (ls, clean or dir)");
}

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

}  // namespace
}  // namespace wasishim::cli

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
