// The region grows with memory.grow. wasi-libc's malloc takes every page up
// to the end of linear memory the first time it runs (docs/mmap.md), so it
// must run before the region takes its first page.
#include "region.h"

#include <stdlib.h>
#include <string.h>

namespace wasishim::mman {
namespace {

constexpr size_t kWasmPage = 65536;

uintptr_t grow_memory(void*, size_t bytes, size_t* got) {
  static bool malloc_initialised = false;
  if (!malloc_initialised) {
    free(malloc(1));
    malloc_initialised = true;
  }
  size_t wasm_pages = (bytes + kWasmPage - 1) / kWasmPage;
  size_t current = __builtin_wasm_memory_size(0);
  // Keep the end of the region representable in a 32-bit address.
  if (current + wasm_pages >= 65536) return 0;
  size_t old = __builtin_wasm_memory_grow(0, wasm_pages);
  if (old == SIZE_MAX) return 0;
  *got = wasm_pages * kWasmPage;
  return old * kWasmPage;
}

PageAllocator allocator(kPage, grow_memory, nullptr);

}  // namespace

PageAllocator& region() { return allocator; }

void clear_pages(void*, uintptr_t addr, size_t bytes) { memset(at(addr), 0, bytes); }

}  // namespace wasishim::mman
