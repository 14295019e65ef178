// Typed C++ bindings of the wasi_snapshot_preview1 imports.
//
// The ABI's types (sys_types.h, sys_structs.h), result<T> (sys_result.h) and,
// on wasm32, the imports with one typed wrapper each (wasishim/wasi_imports.h,
// generated at configure time by syscalls/gen_wasi_functions.py from
// <wasi/api.h> and syscalls/preview1.functions, the one list of the functions).
//
// Freestanding on purpose: the guest libraries link into plain C programs with
// no C++ runtime and may replace parts of libc, so these headers depend on
// nothing but <stddef.h>, <stdint.h> and the generated headers; none includes
// <wasi/api.h>. Types and values mirror the preview1 ABI exactly;
// tests/unit/syscalls/abi_check.cpp proves it against <wasi/api.h>. Each call returns
// result<T>: the value, or the errc the host reported.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "wasishim/sys_result.h"
#include "wasishim/sys_structs.h"
#include "wasishim/sys_types.h"

namespace wasishim::sys {

#if defined(__wasm32__)
// The imports and their typed wrappers, generated from <wasi/api.h> and
// syscalls/preview1.functions by syscalls/gen_wasi_functions.py.
#include "wasishim/wasi_imports.h"
#endif  // __wasm32__

}  // namespace wasishim::sys
