// Compiling a module to an object (aot_compile.h).
#include "engine/aot_compile.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include "engine/aot_cache.h"
#include "engine/aot_glue.h"
#include "engine/aot_split.h"
#include "engine/wasm2c_eh_fixes.h"

namespace wasishim::aot {

extern const char kEhSource[];  // aot_eh.h (aot_sources.cpp)

namespace {

constexpr const char* kModuleName = "guest";
using Clock = std::chrono::steady_clock;

void write_file(const std::string& path, const void* data, size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
  if (!out.flush()) throw AotError("cannot write '" + path + "': " + std::strerror(errno));
}
void write_file(const std::string& path, const std::string& text) { write_file(path, text.data(), text.size()); }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string tail(const std::string& text, size_t lines) {
  size_t end = text.find_last_not_of('\n');
  if (end == std::string::npos) return "";
  size_t pos = end + 1;
  while (lines-- > 0) {
    size_t nl = pos == 0 ? std::string::npos : text.rfind('\n', pos - 1);
    if (nl == std::string::npos) return text.substr(0, end + 1);
    pos = nl;
  }
  return text.substr(pos + 1, end - pos);
}

// One tool invocation.
struct Task {
  std::vector<std::string> argv;
  std::string log;  // file in the work directory for its output
};

struct TaskResult {
  int status = 0;        // exit status, or 128 + signal
  bool missing = false;  // the program could not be started
  std::string output;
};

struct Running {
  pid_t pid;
  size_t task;
  int exec_error;  // read end: errno from a failed exec
};

struct RunOutcome {
  bool ok = true;
  size_t failed_task = 0;
  TaskResult failed;  // when !ok
};

// Runs `tasks` in `dir`, at most `jobs` at once, reporting progress about
// once a second as `step` with a count. Stops at the first failure (the
// others are killed).
RunOutcome run_tasks(const std::vector<Task>& tasks, const std::string& dir, unsigned jobs, const std::string& step,
                     Clock::time_point started, const AotOptions& options, double* cpu_seconds) {
  RunOutcome outcome;
  std::vector<Running> running;
  size_t next = 0, done = 0;
  auto start = [&](size_t i) {
    const Task& t = tasks[i];
    std::vector<char*> args;
    for (const auto& a : t.argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    // Built before fork, and absolute: the host's own directory (a guest's
    // sandbox, say) must never receive a tool's files.
    const std::string log_path = dir + "/" + t.log;
    int pipefd[2];
    if (pipe2(pipefd, O_CLOEXEC) != 0) throw AotError(std::string("pipe: ") + std::strerror(errno));
    pid_t pid = fork();
    if (pid < 0) throw AotError(std::string("fork: ") + std::strerror(errno));
    if (pid == 0) {
      close(pipefd[0]);
      int fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      if (chdir(dir.c_str()) != 0 || fd < 0) _exit(127);
      dup2(fd, 1);
      dup2(fd, 2);
      execvp(args[0], args.data());
      int err = errno;
      ssize_t ignored = write(pipefd[1], &err, sizeof err);
      (void)ignored;
      _exit(127);
    }
    close(pipefd[1]);
    running.push_back({pid, i, pipefd[0]});
  };
  auto next_report = Clock::now() + std::chrono::seconds(1);
  while (done < tasks.size()) {
    while (outcome.ok && next < tasks.size() && running.size() < std::max(1u, jobs)) start(next++);
    if (running.empty()) break;  // failed, and nothing left to reap
    bool reaped = false;
    for (size_t r = 0; r < running.size();) {
      int status = 0;
      struct rusage usage {};
      pid_t got = wait4(running[r].pid, &status, WNOHANG, &usage);
      if (got == 0 || (got < 0 && errno == EINTR)) {
        ++r;
        continue;
      }
      TaskResult res;
      int err = 0;
      res.missing = read(running[r].exec_error, &err, sizeof err) == static_cast<ssize_t>(sizeof err);
      close(running[r].exec_error);
      res.status = got < 0 ? 127 : WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      *cpu_seconds += static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                      static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
      if (res.status != 0 && outcome.ok) {
        res.output = read_file(dir + "/" + tasks[running[r].task].log);
        outcome.ok = false;
        outcome.failed_task = running[r].task;
        outcome.failed = std::move(res);
        for (size_t k = 0; k < running.size(); ++k) {
          if (k != r) kill(running[k].pid, SIGTERM);
        }
      }
      running.erase(running.begin() + static_cast<long>(r));
      ++done;
      reaped = true;
    }
    auto now = Clock::now();
    if (options.progress && now >= next_report) {
      std::string label = step;
      if (tasks.size() > 1) label += " " + std::to_string(done) + "/" + std::to_string(tasks.size());
      options.progress(label, std::chrono::duration<double>(now - started).count());
      next_report = now + std::chrono::seconds(1);
    }
    if (!reaped) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return outcome;
}

// tcc lacks GCC's bit-count builtins, and compiles wasm2c's load and store
// helpers (static inline functions around memcpy) as real calls, which
// triples the time of memory-heavy code. On x86-64, where unaligned access is
// allowed, the helpers become plain dereferences. Text a line a helper, as
// wasm2c 1.0.32 writes them; left alone if anything differs.
std::string tcc_preamble(std::string preamble) {
  std::string defines =
      "#define __builtin_clz(x) wasishim_clz32(x)\n"
      "#define __builtin_clzll(x) wasishim_clz64(x)\n"
      "#define __builtin_ctz(x) wasishim_ctz32(x)\n"
      "#define __builtin_ctzll(x) wasishim_ctz64(x)\n"
      "#define __builtin_popcount(x) wasishim_popcount32(x)\n"
      "#define __builtin_popcountll(x) wasishim_popcount64(x)\n"
      "#include <stdint.h>\n"
      "int wasishim_clz32(uint32_t);\nint wasishim_clz64(uint64_t);\n"
      "int wasishim_ctz32(uint32_t);\nint wasishim_ctz64(uint64_t);\n"
      "int wasishim_popcount32(uint32_t);\nint wasishim_popcount64(uint64_t);\n";
#if defined(__x86_64__)
  const std::string first = "DEFINE_LOAD(i32_load, u32, u32, u32)\n";
  const std::string last = "DEFINE_STORE(i64_store32, u32, u64)\n";
  size_t begin = preamble.find(first);
  size_t end = begin == std::string::npos ? begin : preamble.find(last, begin);
  if (end != std::string::npos) {
    end += last.size();
    std::istringstream block(preamble.substr(begin, end - begin));
    std::string line, macros;
    bool ok = true;
    while (ok && std::getline(block, line)) {
      char name[32] = {}, t1[8] = {}, t2[8] = {}, t3[8] = {};
      if (std::sscanf(line.c_str(), "DEFINE_LOAD(%31[a-z0-9_], %7[a-z0-9], %7[a-z0-9], %7[a-z0-9])", name, t1, t2,
                      t3) == 4) {
        macros += std::string("#define ") + name + "(mem, addr) ((" + t3 + ")(" + t2 + ")*(const " + t1 +
                  "*)((mem)->data + (addr)))\n";
      } else if (std::sscanf(line.c_str(), "DEFINE_STORE(%31[a-z0-9_], %7[a-z0-9], %7[a-z0-9])", name, t1, t2) ==
                 3) {
        macros += std::string("#define ") + name + "(mem, addr, value) ((void)(*(" + t1 + "*)((mem)->data + (addr)) = (" +
                  t1 + ")(" + t2 + ")(value)))\n";
      } else {
        ok = false;
      }
    }
    if (ok) preamble.replace(begin, end - begin, macros);
  }
#endif
  return defines + preamble;
}

std::string exports_map() { return "{\n  global: wasishim_aot_module_v2;\n  local: *;\n};\n"; }

[[noreturn]] void tool_failed(const std::string& module, const std::string& tool_name, const std::string& what,
                              const std::string& env_hint, const TaskResult& r) {
  if (r.missing) {
    throw AotError("cannot run " + tool_name + " ('" + what + "' not found): " + env_hint);
  }
  throw AotError("cannot compile '" + module + "' ahead of time: " + tool_name + " failed (status " +
                 std::to_string(r.status) + ")\n" + tail(r.output, 10));
}

}  // namespace

bool quick_tier_available() {
  const Toolchain& t = toolchain();
  if (t.tcc_runtime.empty() || access(t.tcc_runtime.c_str(), R_OK) != 0) return false;
  if (t.tcc.find('/') != std::string::npos) return access(t.tcc.c_str(), X_OK) == 0;
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  size_t pos = 0;
  while (pos <= dirs.size()) {
    size_t colon = dirs.find(':', pos);
    std::string dir = dirs.substr(pos, colon == std::string::npos ? std::string::npos : colon - pos);
    if (!dir.empty() && access((dir + "/" + t.tcc).c_str(), X_OK) == 0) return true;
    if (colon == std::string::npos) break;
    pos = colon + 1;
  }
  return false;
}

void remove_work_dir(const std::string& dir) {
  if (dir.empty()) return;
  int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd >= 0) {
    std::vector<std::string> names;
    if (DIR* d = fdopendir(dup(fd))) {
      while (dirent* e = readdir(d)) {
        std::string n = e->d_name;
        if (n != "." && n != "..") names.push_back(n);
      }
      closedir(d);
    }
    for (const auto& n : names) unlinkat(fd, n.c_str(), 0);
    close(fd);
  }
  rmdir(dir.c_str());
}

CompileResult compile_object(const CompileRequest& req) {
  const Toolchain& t = toolchain();
  const AotOptions& options = *req.options;
  const std::string& dir = req.work_dir;
  const bool quick = req.tier == Tier::quick;
  for (const auto& imp : req.layout->imports) {
    bool typed = std::all_of(imp.params.begin(), imp.params.end(), [](char c) { return c != '?'; }) &&
                 std::all_of(imp.results.begin(), imp.results.end(), [](char c) { return c != '?'; });
    if (imp.kind != "func" || !typed || imp.results.size() > 1) {
      throw AotError("cannot compile '" + req.module_name + "': import " + imp.module + "::" + imp.name +
                     " is not a function the host can provide");
    }
  }
  if (quick && req.layout->uses_exceptions) {
    throw AotError("cannot compile '" + req.module_name +
                   "' with the quick tier: it uses exception handling, and tcc ignores the cleanup attribute "
                   "the repaired unwind targets need");
  }
  CompileResult result;
  const auto started = Clock::now();
  write_file(dir + "/module.wasm", req.wasm.data(), req.wasm.size());

  std::vector<std::string> w2c = {t.wasm2c, "module.wasm", "-n", kModuleName, "-o", "guest.c"};
  w2c.insert(w2c.end(), t.wasm2c_flags.begin(), t.wasm2c_flags.end());
  auto translated = run_tasks({{w2c, "wasm2c.log"}}, dir, 1, "wasm2c", started, options, &result.cpu_seconds);
  if (!translated.ok && translated.failed.missing) {
    throw AotError("cannot run wasm2c ('" + t.wasm2c + "' not found): install wabt, or set WASISHIM_WASM2C");
  }
  if (!translated.ok) {
    const int status = translated.failed.status;
    std::string why = status == 128 + SIGABRT
                          ? "wasm2c aborted; wasm2c 1.0.32 cannot translate some features, "
                            "SIMD (v128) among them"
                          : "wasm2c failed with status " + std::to_string(status);
    std::string detail = tail(translated.failed.output, 5);
    throw AotError("cannot compile '" + req.module_name + "' ahead of time: " + why +
                   (detail.empty() ? "" : "\n" + detail));
  }
  std::string c = read_file(dir + "/guest.c");
  if (fix_wasm2c_exceptions(c)) write_file(dir + "/guest.c", c);
  write_file(dir + "/wasishim_eh.h", kEhSource);
  GlueInput glue;
  glue.layout = req.layout;
  glue.module_name = kModuleName;
  glue.header = read_file(dir + "/guest.h");
  glue.key = req.key;
  glue.embed_module = req.embed_module;
  glue.wasm_size = req.wasm.size();

  // Units of 256 KiB of C or more for cc, at most two per job so the pool can
  // balance uneven ones. tcc reads C at some 40 MB/s: splitting costs it more
  // CPU (every unit parses the preamble) than it saves time below 16 MiB, so
  // only a bigger module is split for it. Small modules stay whole.
  const size_t unit = quick ? (16u << 20) : (256u << 10);
  size_t wanted = std::clamp<size_t>(c.size() / unit, 1, std::max(1u, req.jobs) * (quick ? 1 : 2));
  if (t.max_units) wanted = std::min<size_t>(wanted, t.max_units);
  std::vector<std::string> units;
  auto split = wanted > 1 ? split_wasm2c_output(c, wanted) : std::nullopt;
  if (split) {
    const std::string preamble = quick ? tcc_preamble(split->preamble) : split->preamble;
    glue.function_symbols = split->function_symbols;
    glue.split_preamble = preamble;
    glue.split_main = split->main;
    for (size_t i = 0; i < split->parts.size(); ++i) {
      std::string name = "part" + std::to_string(i);
      write_file(dir + "/" + name + ".c", preamble + split->shared + "\n" + split->parts[i]);
      units.push_back(name);
    }
  } else {
    glue.function_symbols = declared_functions(c);
    if (quick) {
      size_t setup = c.find("\nstatic bool s_module_initialized");
      if (setup != std::string::npos) {
        write_file(dir + "/guest.c", tcc_preamble(c.substr(0, setup + 1)) + c.substr(setup + 1));
      }
    }
    units.push_back("guest");
  }
  write_file(dir + "/glue.c", generate_glue(glue));
  write_file(dir + "/exports.map", exports_map());

  // Biggest first, so the last to finish is a small one.
  std::sort(units.begin(), units.end(), [&](const std::string& a, const std::string& b) {
    struct stat sa {}, sb {};
    stat((dir + "/" + a + ".c").c_str(), &sa);
    stat((dir + "/" + b + ".c").c_str(), &sb);
    return sa.st_size > sb.st_size;
  });
  std::vector<Task> tasks;
  // The quick tier compiles the glue with tcc too: cc takes a few hundred
  // milliseconds over it, which a small module's first run would notice.
  std::vector<std::string> glue_cmd = {quick ? t.tcc : t.cc};
  const auto& glue_flags = quick ? t.tcc_flags : t.optimize_flags;
  glue_cmd.insert(glue_cmd.end(), glue_flags.begin(), glue_flags.end());
  glue_cmd.insert(glue_cmd.end(), {"-c", "glue.c", "-o", "glue.o"});
  for (const auto& u : units) {
    std::vector<std::string> cmd = {quick ? t.tcc : t.cc};
    const auto& flags = quick ? t.tcc_flags : t.optimize_flags;
    cmd.insert(cmd.end(), flags.begin(), flags.end());
    cmd.insert(cmd.end(), {"-c", u + ".c", "-o", u + ".o"});
    tasks.push_back({cmd, u + ".log"});
  }
  tasks.push_back({glue_cmd, "glue.log"});
  const std::string compiler = quick ? "tcc" : "cc";
  auto compiled = run_tasks(tasks, dir, req.jobs, compiler, started, options, &result.cpu_seconds);
  if (!compiled.ok) {
    if (quick) tool_failed(req.module_name, "tcc", t.tcc, "install tcc, or set WASISHIM_TCC", compiled.failed);
    tool_failed(req.module_name, "the C compiler", t.cc, "install gcc, or set WASISHIM_CC", compiled.failed);
  }

  std::vector<std::string> link = {t.cc};
  link.insert(link.end(), t.link_flags.begin(), t.link_flags.end());
  link.insert(link.end(), {"-o", "object.so", "glue.o"});
  for (const auto& u : units) link.push_back(u + ".o");
  if (quick) link.push_back(t.tcc_runtime);
  link.insert(link.end(), t.link_libs.begin(), t.link_libs.end());
  auto linked = run_tasks({{link, "link.log"}}, dir, 1, "link", started, options, &result.cpu_seconds);
  if (!linked.ok) {
    tool_failed(req.module_name, "the C compiler", t.cc, "install gcc, or set WASISHIM_CC", linked.failed);
  }
  result.object = dir + "/object.so";
  result.wall_seconds = std::chrono::duration<double>(Clock::now() - started).count();
  ObjectRecord record;
  record.key = req.key;
  record.tier = tier_name(req.tier);
  record.compile_seconds = result.wall_seconds;
  record.compile_cpu_seconds = result.cpu_seconds;
  seal_object(result.object, record);
  if (options.log) {
    char line[160];
    std::snprintf(line, sizeof line, "aot: compiled '%s' (%s, %zu unit%s) in %.1f s, %.1f s of CPU",
                  req.module_name.c_str(), tier_name(req.tier), units.size(), units.size() == 1 ? "" : "s",
                  result.wall_seconds, result.cpu_seconds);
    options.log(line);
  }
  return result;
}

}  // namespace wasishim::aot
