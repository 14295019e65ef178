// Background compiles of the optimized tier (aot_background.h).
#include "engine/aot_background.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <vector>

#include "engine/aot_compile.h"
#include "engine/aot_sha256.h"
#include "engine/aot_toolchain.h"
#include "engine/module_info.h"

extern char** environ;

namespace wasishim::aot {
namespace {

int jobs_dir(int cache_fd) {
  if (mkdirat(cache_fd, "jobs", 0700) != 0 && errno != EEXIST) return -1;
  return openat(cache_fd, "jobs", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

bool save_module(int dir, const std::string& name, std::span<const uint8_t> wasm) {
  struct stat st {};
  if (fstatat(dir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
      static_cast<size_t>(st.st_size) == wasm.size()) {
    return true;  // saved by an earlier run; the job checks its hash
  }
  const std::string tmp = name + ".tmp" + std::to_string(getpid());
  int fd = openat(dir, tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return false;
  const uint8_t* p = wasm.data();
  size_t left = wasm.size();
  while (left > 0) {
    ssize_t n = write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    p += n, left -= static_cast<size_t>(n);
  }
  close(fd);
  if (left != 0 || renameat(dir, tmp.c_str(), dir, name.c_str()) != 0) {
    unlinkat(dir, tmp.c_str(), 0);
    return false;
  }
  return true;
}

bool read_all(int dir, const std::string& name, std::vector<uint8_t>* out) {
  int fd = openat(dir, name.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return false;
  struct stat st {};
  bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  if (ok) {
    out->resize(static_cast<size_t>(st.st_size));
    size_t got = 0;
    while (got < out->size()) {
      ssize_t n = read(fd, out->data() + got, out->size() - got);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      got += static_cast<size_t>(n);
    }
    ok = got == out->size();
  }
  close(fd);
  return ok;
}

// One of as many slots as there are processors, so that background compiles
// started by many runs at once queue rather than pile up.
int take_slot(int dir, const std::string& key) {
  const unsigned slots = compile_jobs();
  auto open_slot = [&](unsigned i) {
    std::string name = "slot-" + std::to_string(i) + ".lock";
    return openat(dir, name.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  };
  for (unsigned i = 0; i < slots; ++i) {
    int fd = open_slot(i);
    if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0) return fd;
    if (fd >= 0) close(fd);
  }
  int fd = open_slot(static_cast<unsigned>(std::hash<std::string>{}(key) % slots));
  if (fd >= 0) {
    while (flock(fd, LOCK_EX) != 0 && errno == EINTR) {
    }
  }
  return fd;
}

}  // namespace

void start_background_compile(Cache& cache, const std::string& key, std::span<const uint8_t> wasm,
                              const AotOptions& options) {
  if (options.background_compiler.empty()) return;
  if (const char* b = std::getenv("WASISHIM_AOT_BACKGROUND"); b && std::strcmp(b, "0") == 0) return;
  int probe = cache.lock(key, /*wait=*/false);
  if (probe < 0) return;  // a job is compiling it now
  Cache::unlock(probe);
  int dir = jobs_dir(cache.fd());
  if (dir < 0) return;
  struct stat failed {};
  if (fstatat(dir, (key + ".log").c_str(), &failed, AT_SYMLINK_NOFOLLOW) == 0) {
    close(dir);  // it failed before, and would again (`wasishim cache clean` forgets)
    return;
  }
  bool saved = save_module(dir, key + ".wasm", wasm);
  close(dir);
  if (!saved) return;

  std::vector<std::string> argv = {options.background_compiler, "cache", "compile-job", cache.path(), key};
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  for (int fd = 0; fd <= 2; ++fd) posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", O_RDWR, 0);
  // Nothing of this run's (a guest's files, a test harness's pipes) goes along.
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK);
  pid_t pid = -1;
  int err = posix_spawn(&pid, options.background_compiler.c_str(), &actions, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (err != 0) {
    if (options.log) options.log(std::string("aot: cannot start the background compile: ") + std::strerror(err));
    return;
  }
  // The job forks and its first process exits at once: reap that one.
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (options.log) options.log("aot: compiling the optimized tier in the background");
}

int run_background_compile(const std::string& cache_dir, const std::string& key) {
  pid_t pid = fork();
  if (pid != 0) return pid > 0 ? 0 : 1;
  // The detached job, from here on.
  errno = 0;
  if (nice(10) == -1 && errno != 0) {
    // Not fatal: it just competes with the foreground at equal priority.
  }
  std::string log_text;
  int status = 1;
  try {
    Cache cache(cache_dir);
    int lock = cache.lock(key, /*wait=*/false);
    if (lock < 0) _exit(0);  // another job has it
    int dir = jobs_dir(cache.fd());
    const std::string wasm_name = key + ".wasm";
    if (cache.find(key)) {
      unlinkat(dir, wasm_name.c_str(), 0);
      _exit(0);
    }
    int slot = take_slot(dir, key);
    std::vector<uint8_t> wasm;
    if (!read_all(dir, wasm_name, &wasm)) throw AotError("the job's module is missing");
    Sha256 h;
    h.update(wasm.data(), wasm.size());
    const std::string module_hash = h.hex_digest();
    if (module_hash != module_part(key) || object_key(module_hash, Tier::optimized) != key) {
      throw AotError("the job's module or toolchain does not match its key");
    }
    ModuleLayout layout;
    std::string error;
    if (!read_layout(wasm, &layout, &error)) throw AotError("not a valid module: " + error);
    AotOptions options;
    options.log = [&](std::string_view line) { log_text += std::string(line) + "\n"; };
    CompileRequest req;
    req.wasm = wasm;
    req.layout = &layout;
    req.module_name = wasm_name;
    req.key = key;
    req.tier = Tier::optimized;
    req.work_dir = cache.make_work_dir();
    req.jobs = compile_jobs();
    req.options = &options;
    try {
      CompileResult built = compile_object(req);
      cache.store(built.object, key, cache_limit(AotOptions{}));
      cache.remove(object_key(module_hash, Tier::quick));  // superseded
      status = 0;
    } catch (...) {
      remove_work_dir(req.work_dir);
      throw;
    }
    remove_work_dir(req.work_dir);
    unlinkat(dir, wasm_name.c_str(), 0);
    unlinkat(dir, (key + ".log").c_str(), 0);
    Cache::unlock(slot);
    Cache::unlock(lock);
    close(dir);
  } catch (const std::exception& e) {
    log_text += std::string("failed: ") + e.what() + "\n";
    // Kept for `wasishim cache ls` and whoever investigates.
    try {
      Cache cache(cache_dir);
      int dir = jobs_dir(cache.fd());
      int fd = openat(dir, (key + ".log").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
      if (fd >= 0) {
        ssize_t ignored = write(fd, log_text.data(), log_text.size());
        (void)ignored;
        close(fd);
      }
      unlinkat(dir, (key + ".wasm").c_str(), 0);
      close(dir);
    } catch (...) {
    }
  }
  _exit(status);
}

}  // namespace wasishim::aot
