// The AOT options the CLI gives the host (aot_options.h).
#include "cli/aot_options.h"

#include <unistd.h>

#include <cstdio>
#include <string_view>

namespace wasishim::cli {

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

}  // namespace wasishim::cli
