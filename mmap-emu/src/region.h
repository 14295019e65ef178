// The emulation's address region: the page allocator over pages mmap-emu
// takes from linear memory itself (region.cpp in the guest; native tests link
// an arena instead), and helpers for addressing its bytes.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "page_allocator.h"
#include "wasishim/page_size.h"

namespace wasishim::mman {

inline constexpr size_t kPage = WASISHIM_PAGE_SIZE;

PageAllocator& region();

// PageAllocator::ClearFn: zeroes reused pages as they are handed out.
void clear_pages(void* ctx, uintptr_t addr, size_t bytes);

inline uint8_t* at(uintptr_t addr) { return reinterpret_cast<uint8_t*>(addr); }
inline size_t round_up(size_t n) { return (n + kPage - 1) & ~(kPage - 1); }

}  // namespace wasishim::mman
