// Process exit statuses of `wasishim run` (exit_status.h): what a guest's
// outcome becomes, with the line on stderr that says why.
#include "cli/exit_status.h"

#include <cstdint>
#include <cstdio>
#include <iterator>

namespace wasishim::cli {
namespace {

const char* signal_name(uint8_t sig) {
  static constexpr const char* names[] = {
      "NONE", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS",
      "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
      "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
      "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGPOLL", "SIGPWR", "SIGSYS"};
  return sig < std::size(names) ? names[sig] : "?";
}

}  // namespace

int status_for(const HostError&) {
  return kHostError;
}

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

}  // namespace wasishim::cli
