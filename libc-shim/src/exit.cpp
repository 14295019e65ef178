// Exit paths. mmap-emu must write dirty shared pages back before the instance
// ends, on every path the guest can see: exit() and return from main run
// atexit handlers (the shim registers its flush first, so it runs last, after
// the program's own handlers may have stored through a mapping); _Exit and
// _exit skip those handlers and flush here; abort flushes, then traps.
#include <stdlib.h>
#include <unistd.h>

#include "mman_calls.h"
#include "shim.h"

namespace wasishim::shim {

namespace {
bool registered = false;

void flush_mappings() {
  if (&__wasishim_mman_flush_all != nullptr) (void)__wasishim_mman_flush_all();
}

void flush_at_exit() { flush_mappings(); }

// Registered before any other constructor, so it takes the first atexit slot
// and runs after every handler the program registers. This object is in every
// program: crt1's __main_void and exit() refer to _Exit, defined below.
__attribute__((constructor(101))) void register_exit_flush() {
  if (registered) return;
  registered = true;
  atexit(flush_at_exit);
}
}  // namespace

}  // namespace wasishim::shim

extern "C" {

_Noreturn void _Exit(int status) {
  wasishim::shim::flush_mappings();
  wasishim::sys::proc_exit(static_cast<wasishim::sys::exitcode_t>(status));
}

_Noreturn void _exit(int status) { _Exit(status); }

_Noreturn void abort(void) {
  wasishim::shim::flush_mappings();
  // preview1 has signals only as proc_raise, which hosts need not support;
  // a trap ends the instance on every host, as wasi-libc's abort does.
  __builtin_trap();
}

}  // extern "C"
