// Proves that each raw import in syscalls.h has exactly the wasm signature
// wasi-libc gives the same import. The module references both; wasm-ld merges
// two imports of one module and name only when their signatures are equal and
// otherwise keeps both. check_imports.py then requires every preview1 import to
// appear exactly once, with the signature wasishim/wasi_functions.h gives it
// (the one the host's dispatch table is checked against when it compiles).
// proc_raise has no wasi-libc twin (its api.h dropped it).
//
// Build: link with wasi-libc, as any guest program.
// Check: python3 check_imports.py import_signatures.wasm
#include <wasishim/syscalls.h>

#include <wasi/api.h>
#include <wasishim/wasi_functions.h>

namespace sys = wasishim::sys;

namespace {
template <class F>
void* address(F* function) {
  return reinterpret_cast<void*>(function);
}
}  // namespace

// volatile, so that no reference, and hence no import, is optimised away.
// Both lists expand the one list of the functions (wasishim/wasi_functions.h);
// the second only the functions wasi-libc's api.h declares.
#define WASISHIM_OURS(name, group, returns, params, trace) address(&sys::__wasishim_sys_##name),
#define WASISHIM_WASI_LIBCS(name) address(&__wasi_##name),
void* volatile keep[] = {
    WASISHIM_WASI_FUNCTIONS(WASISHIM_OURS)
    WASISHIM_WASI_LIBC_FUNCTIONS(WASISHIM_WASI_LIBCS)
};
#undef WASISHIM_OURS
#undef WASISHIM_WASI_LIBCS

int main() {
  for (void* p : keep) {
    if (p == nullptr) return 1;
  }
  return 0;
}
