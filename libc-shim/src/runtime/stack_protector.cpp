// The runtime half of clang's -fstack-protector for wasm32: the guard value a
// protected function copies just above its local arrays (where an overrun
// reaches first) on entry and compares on
// return, and the call it makes when the copy has changed.
//
// On wasm the return address is not in linear memory, so an overflow cannot
// redirect control; it can still overwrite the caller's locals and spilled
// pointers, which is what the guard catches. Packages' configure scripts turn
// the option on whenever the compiler accepts it (libsodium's does), so a
// program without these two symbols does not link.
//
// This object is linked only into programs compiled with the option (only
// they refer to its symbols), and its constructor with it.
#include <signal.h>
#include <stdint.h>

#include "shim.h"
#include "signals.h"

extern "C" {
// A fixed, non-zero value until the constructor below replaces it, so that
// a guard read before then (by nothing wasishim knows of) is still a
// terminator canary: NUL, CR, LF and 0xff end the string and line copies
// that cause most overflows.
uintptr_t __stack_chk_guard = 0xff0a0d00u;
}

namespace wasishim::shim {
namespace {

// Priority 1 runs before every constructor a program may declare (101 and
// up) and before mmap-emu's (101), so no protected function is on the stack
// while the guard changes: wasishim's _start calls the constructors from
// code compiled without the option. The low byte stays zero, as glibc's
// does, so that a string copy that overflows cannot reproduce the guard.
__attribute__((constructor(1))) void randomize_stack_guard() {
  uintptr_t value = 0;
  if (!sys::random_get(&value, sizeof value)) return;  // keep the fixed canary
  value &= ~uintptr_t{0xff};
  if (value != 0) __stack_chk_guard = value;
}

}  // namespace
}  // namespace wasishim::shim

extern "C" {

// The stack is corrupt: write one line to stderr straight through fd_write
// (stdio's buffers may be what was overwritten) and end the instance as
// abort does, killed by SIGABRT (status 134) once dirty shared mappings are
// written back. No SIGABRT handler runs: the program's own code is not
// trusted any more. The message is glibc's, so a port's tests that look for
// it find it.
_Noreturn void __stack_chk_fail(void) {
  static const char message[] = "*** stack smashing detected ***: terminated\n";
  const wasishim::sys::ciovec iov{message, sizeof message - 1};
  (void)wasishim::sys::fd_write(2, &iov, 1);
  wasishim::shim::terminate_by_signal(SIGABRT);
}

}  // extern "C"
