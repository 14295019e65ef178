// mmap-emu's heap: its tables and snapshots come from malloc. Native tests
// build with WASISHIM_MMAN_HEAP_FAULTS and define heap_should_fail, so they
// can make any allocation fail and check that no store is dropped.
#pragma once

#include <stddef.h>
#include <stdlib.h>

namespace wasishim::mman {

#if defined(WASISHIM_MMAN_HEAP_FAULTS)
bool heap_should_fail();
#else
constexpr bool heap_should_fail() { return false; }
#endif

inline void* heap_alloc(size_t n) { return heap_should_fail() ? nullptr : malloc(n); }
inline void* heap_realloc(void* p, size_t n) { return heap_should_fail() ? nullptr : realloc(p, n); }
inline void heap_free(void* p) { free(p); }

}  // namespace wasishim::mman
