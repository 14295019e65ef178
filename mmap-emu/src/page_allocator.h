// The emulation's own page-granular address region.
//
// Pages come from a grow callback (memory.grow in the guest) and return to a
// free list on unmap, to be reused. The allocator remembers which free pages
// are known to be zero (fresh from memory.grow) so they are never cleared
// again; reused pages are reported to the caller to clear. It never touches
// memory itself, so it is tested natively with made-up addresses.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "vec.h"

namespace wasishim::mman {

class PageAllocator {
 public:
  // Grows the address space by at least `bytes`; returns the base of the new
  // span and its size in *got, or 0 when no memory is left. Spans need not be
  // contiguous with earlier ones (another allocator may grow in between).
  using GrowFn = uintptr_t (*)(void* ctx, size_t bytes, size_t* got);
  // Called for each part of a range handed out that is not known to be zero.
  using ClearFn = void (*)(void* ctx, uintptr_t addr, size_t bytes);

  struct Run {
    uintptr_t addr;
    size_t bytes;
    bool zero;  // every byte known to be zero
  };

  constexpr PageAllocator(size_t page_size, GrowFn grow, void* grow_ctx)
      : page_(page_size), grow_(grow), grow_ctx_(grow_ctx) {}

  // `bytes` contiguous bytes (a multiple of the page size), or 0.
  uintptr_t allocate(size_t bytes, ClearFn clear, void* clear_ctx);
  // Takes exactly [addr, addr+bytes) if all of it is free; false otherwise.
  bool claim(uintptr_t addr, size_t bytes, ClearFn clear, void* clear_ctx);
  // Returns pages to the free list (their contents are no longer zero).
  // False only when the free list cannot grow (the pages are then leaked).
  bool release(uintptr_t addr, size_t bytes);

  // Whether every byte of [addr, addr+bytes) lies in the region.
  bool owns(uintptr_t addr, size_t bytes) const;
  bool is_free(uintptr_t addr, size_t bytes) const;

  size_t page_size() const { return page_; }
  size_t region_bytes() const;
  size_t free_bytes() const;
  const Vec<Run>& free_runs() const { return free_; }
  // Frees the bookkeeping (tests; the guest's allocator lives forever).
  void release_storage() {
    free_.release();
    region_.release();
  }

 private:
  bool add_free(Run run);
  bool grow(size_t bytes);
  size_t first_at_or_after(uintptr_t addr) const;
  void take(size_t first_run, uintptr_t addr, size_t bytes, ClearFn clear, void* clear_ctx);

  size_t page_;
  GrowFn grow_;
  void* grow_ctx_;
  Vec<Run> free_;    // sorted by addr, non-overlapping
  Vec<Run> region_;  // spans obtained from grow_, sorted, merged when adjacent
};

}  // namespace wasishim::mman
