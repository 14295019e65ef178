// mmap-emu's error model: every internal function returns sys::result (a
// value or a WASI errno); only the C entries (entries.cpp) turn an error into
// errno, through the one mapping the shim uses too (wasishim/posix_errno.h).
#pragma once

#include "wasishim/syscalls.h"

namespace wasishim::mman {

using sys::errc;
using sys::failure;
template <class T>
using result = sys::result<T>;
using status = sys::result<void>;

// For the pure containers, which say "out of memory" with false.
inline status nomem_unless(bool ok) {
  if (!ok) return failure(errc::nomem);
  return {};
}

}  // namespace wasishim::mman
