// wasishim-exec MODULE [ARGS...]: runs a wasm32-wasi command module the way
// the system runs a native program, so that a package's own `make check`,
// `ctest` and configure run tests can start the programs they built:
//
//   * the whole file system is preopened at "/" (a native program sees it all);
//   * the caller's environment is passed on, with PWD set to the caller's
//     working directory, which the shim adopts as the guest's initial one;
//   * argv[0] is MODULE as the caller named it; the exit status is the
//     guest's (a trap: what the host reports for one).
//
// It is the CMAKE_CROSSCOMPILING_EMULATOR of toolchain/wasi.cmake and the
// interpreter wasishim-check registers for "\0asm" files (docs/porting.md).
//
// Environment:
//   WASISHIM_EXEC_HOST=node   run under Node's WASI instead of `wasishim run`
//   WASISHIM_EXEC_FLAGS="..." extra options for `wasishim run` (e.g. --aot)
//
// The host is found beside this program (the installed layout puts both in
// <prefix>/bin), Node on PATH, and Node's runner in <prefix>/share/wasishim.
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <string>
#include <string_view>
#include <vector>

extern char** environ;

namespace {

std::string self_directory() {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return ".";
  std::string path(buf, static_cast<size_t>(n));
  return path.substr(0, path.rfind('/'));
}

std::vector<std::string> split_words(const char* text) {
  std::vector<std::string> words;
  std::string word;
  for (const char* p = text; p && *p; ++p) {
    if (*p == ' ' || *p == '\t' || *p == '\n') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += *p;
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

[[noreturn]] void fail(const std::string& what) {
  fprintf(stderr, "wasishim-exec: %s\n", what.c_str());
  exit(126);  // the shell's "found but could not be executed"
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::string_view(argv[1]) == "--help") {
    fprintf(stderr, "usage: wasishim-exec MODULE [ARGS...]\n");
    return argc < 2 ? 2 : 0;
  }
  char cwd[PATH_MAX];
  if (getcwd(cwd, sizeof cwd) == nullptr) fail(std::string("getcwd: ") + strerror(errno));

  const std::string bin = self_directory();
  const char* host_name = getenv("WASISHIM_EXEC_HOST");
  const bool node = host_name && std::string_view(host_name) == "node";

  std::vector<std::string> args;
  std::string program;
  if (node) {
    program = "node";
    args = {"node", "--no-warnings"};
    // V8 keeps wasm frames on the thread's stack but stops at about 1 MB of
    // it; a native program may use all of RLIMIT_STACK (8 MiB by default).
    // Let V8 use the limit, less 1 MiB of margin for Node itself.
    struct rlimit rl;
    if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur / 1024 > 2048)
      args.push_back("--stack-size=" + std::to_string(rl.rlim_cur / 1024 - 1024));
    args.push_back(bin + "/../share/wasishim/node-run.mjs");
  } else {
    program = bin + "/wasishim";
    args = {program, "run"};
    for (auto& w : split_words(getenv("WASISHIM_EXEC_FLAGS"))) args.push_back(std::move(w));
  }
  args.push_back("--dir");
  args.push_back("/::/");
  for (char** e = environ; *e; ++e) {
    if (strncmp(*e, "PWD=", 4) == 0) continue;
    args.push_back("--env");
    args.push_back(*e);
  }
  args.push_back("--env");
  args.push_back(std::string("PWD=") + cwd);
  if (!node) args.push_back("--");
  for (int i = 1; i < argc; ++i) args.push_back(argv[i]);

  std::vector<char*> cargs;
  for (auto& a : args) cargs.push_back(a.data());
  cargs.push_back(nullptr);
  if (node) {
    execvp(program.c_str(), cargs.data());
  } else {
    execv(program.c_str(), cargs.data());
  }
  fail(program + ": " + strerror(errno));
}
