#include "page_allocator.h"

namespace wasishim::mman {

namespace {
bool mergeable(const PageAllocator::Run& a, const PageAllocator::Run& b) {
  return a.addr + a.bytes == b.addr && a.zero == b.zero;
}
}  // namespace

size_t PageAllocator::first_at_or_after(uintptr_t addr) const {
  size_t lo = 0, hi = free_.size();
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (free_[mid].addr + free_[mid].bytes <= addr) lo = mid + 1; else hi = mid;
  }
  return lo;  // first run ending after addr
}

bool PageAllocator::add_free(Run run) {
  size_t i = first_at_or_after(run.addr);
  if (i > 0 && mergeable(free_[i - 1], run)) {
    free_[i - 1].bytes += run.bytes;
    if (i < free_.size() && mergeable(free_[i - 1], free_[i])) {
      free_[i - 1].bytes += free_[i].bytes;
      free_.erase(i);
    }
    return true;
  }
  if (i < free_.size() && mergeable(run, free_[i])) {
    free_[i].addr = run.addr;
    free_[i].bytes += run.bytes;
    return true;
  }
  return free_.insert(i, run);
}

bool PageAllocator::grow(size_t bytes) {
  size_t got = 0;
  uintptr_t base = grow_(grow_ctx_, bytes, &got);
  if (base == 0 || got == 0) return false;
  if (!region_.reserve(region_.size() + 1) || !free_.reserve(free_.size() + 1)) return false;
  size_t i = 0;
  while (i < region_.size() && region_[i].addr < base) ++i;
  if (i > 0 && region_[i - 1].addr + region_[i - 1].bytes == base) {
    region_[i - 1].bytes += got;
  } else {
    region_.insert(i, Run{base, got, true});
  }
  return add_free(Run{base, got, true});
}

void PageAllocator::take(size_t first_run, uintptr_t addr, size_t bytes, ClearFn clear,
                         void* clear_ctx) {
  // [addr, addr+bytes) lies in runs first_run.. which are contiguous.
  uintptr_t end = addr + bytes;
  size_t i = first_run;
  while (i < free_.size() && free_[i].addr < end) {
    Run run = free_[i];
    uintptr_t lo = run.addr > addr ? run.addr : addr;
    uintptr_t run_end = run.addr + run.bytes;
    uintptr_t hi = run_end < end ? run_end : end;
    if (!run.zero && clear) clear(clear_ctx, lo, hi - lo);
    bool keep_before = run.addr < lo, keep_after = hi < run_end;
    if (keep_before && keep_after) {
      // Splitting one run in two; the caller reserved room for the insert.
      free_[i].bytes = lo - run.addr;
      free_.insert(i + 1, Run{hi, run_end - hi, run.zero});
      return;
    }
    if (keep_before) {
      free_[i].bytes = lo - run.addr;
      ++i;
    } else if (keep_after) {
      free_[i].addr = hi;
      free_[i].bytes = run_end - hi;
      ++i;
    } else {
      free_.erase(i);
    }
  }
}

uintptr_t PageAllocator::allocate(size_t bytes, ClearFn clear, void* clear_ctx) {
  if (bytes == 0 || bytes % page_ != 0) return 0;
  if (!free_.reserve(free_.size() + 1)) return 0;
  for (int attempt = 0; attempt < 3; ++attempt) {
    // First fit over chains of contiguous runs (zero and non-zero runs of one
    // stretch are separate entries).
    for (size_t i = 0; i < free_.size(); ++i) {
      size_t total = 0;
      for (size_t j = i; j < free_.size(); ++j) {
        if (j > i && free_[j - 1].addr + free_[j - 1].bytes != free_[j].addr) break;
        total += free_[j].bytes;
        if (total >= bytes) {
          uintptr_t addr = free_[i].addr;
          take(i, addr, bytes, clear, clear_ctx);
          return addr;
        }
      }
    }
    // Ask only for what the free tail of the region lacks, in case the new
    // span continues it; if it does not, the next round asks for all of it.
    size_t want = bytes;
    if (attempt == 0 && !free_.empty() && !region_.empty()) {
      const Run& tail = free_[free_.size() - 1];
      const Run& last = region_[region_.size() - 1];
      if (tail.addr + tail.bytes == last.addr + last.bytes && tail.bytes < bytes) {
        want = bytes - tail.bytes;
      }
    }
    if (!grow(want)) return 0;
  }
  return 0;
}

bool PageAllocator::claim(uintptr_t addr, size_t bytes, ClearFn clear, void* clear_ctx) {
  if (bytes == 0 || addr % page_ != 0 || bytes % page_ != 0) return false;
  if (!is_free(addr, bytes)) return false;
  if (!free_.reserve(free_.size() + 1)) return false;
  take(first_at_or_after(addr), addr, bytes, clear, clear_ctx);
  return true;
}

bool PageAllocator::release(uintptr_t addr, size_t bytes) {
  if (bytes == 0) return true;
  return add_free(Run{addr, bytes, false});
}

bool PageAllocator::is_free(uintptr_t addr, size_t bytes) const {
  uintptr_t end = addr + bytes;
  if (end < addr) return false;
  size_t i = first_at_or_after(addr);
  uintptr_t at = addr;
  for (; i < free_.size() && at < end; ++i) {
    if (free_[i].addr > at) return false;
    at = free_[i].addr + free_[i].bytes;
  }
  return at >= end;
}

bool PageAllocator::owns(uintptr_t addr, size_t bytes) const {
  uintptr_t end = addr + bytes;
  if (end < addr) return false;
  for (size_t i = 0; i < region_.size(); ++i) {
    if (region_[i].addr <= addr && end <= region_[i].addr + region_[i].bytes) return true;
  }
  return false;
}

size_t PageAllocator::region_bytes() const {
  size_t total = 0;
  for (size_t i = 0; i < region_.size(); ++i) total += region_[i].bytes;
  return total;
}

size_t PageAllocator::free_bytes() const {
  size_t total = 0;
  for (size_t i = 0; i < free_.size(); ++i) total += free_[i].bytes;
  return total;
}

}  // namespace wasishim::mman
