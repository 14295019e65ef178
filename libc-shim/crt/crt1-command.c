// The command entry of every program linked through wasishim's sysroot, in
// place of wasi-libc's crt1-command.o (cmake/GuestBuild.cmake compiles it
// into the sysroot).
//
// Debian's wasi-libc (2022) has a `_start` that never runs the constructors:
// it relies on wasm-ld wrapping every export of a command module as
// `call __wasm_call_ctors; call F; call __wasm_call_dtors`. Then every other
// export runs the constructors again, and so would the mapping flush the host
// calls after a trap (docs/mmap.md, "Crash consistency"). wasm-ld makes no
// wrappers once a regular object calls __wasm_call_ctors itself, as this one
// does (and as current wasi-libc's crt1-command does), so exports are called
// bare.
#include <stdlib.h>

extern void __wasm_call_ctors(void);
extern void __wasm_call_dtors(void);
extern int __original_main(void);

__attribute__((export_name("_start"))) void _start(void) {
  // A command starts once per instance; a second call would run the
  // constructors over live state.
  static volatile int started = 0;
  if (started != 0) __builtin_trap();
  started = 1;

  __wasm_call_ctors();
  int status = __original_main();
  // As Debian's entry and wrapper did: a nonzero status goes through exit()
  // (atexit handlers, stdio, the mapping write-back); zero runs the same
  // through __wasm_call_dtors and returns, which hosts take as status 0.
  if (status != 0) exit(status);
  __wasm_call_dtors();
}
