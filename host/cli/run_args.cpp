// `wasishim run`'s command line (run_args.h).
#include "cli/run_args.h"

#include <cstdlib>
#include <string_view>

#include "cli/usage.h"
#include "wasishim/capabilities.h"

namespace wasishim::cli {
namespace {

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

}  // namespace

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

}  // namespace wasishim::cli
