// `wasishim run`: runs a module's _start, or calls one export with --invoke.
#include "cli/commands.h"

#include <sys/stat.h>

#include <cerrno>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "cli/aot_options.h"
#include "cli/exit_status.h"
#include "cli/run_args.h"
#include "cli/usage.h"
#include "wasishim/host.h"

namespace wasishim::cli {
namespace {

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

}  // namespace

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

}  // namespace wasishim::cli
