// Finding what a program stored into a shared mapping without hardware help.
//
// Each mapped file page has a snapshot: its bytes as last made coherent (the
// file's bytes, plus changes not yet written back). A mapping's copy of the
// page is compared with the snapshot; bytes that differ were stored by the
// program. Comparing finds the exact byte span, so write-back sends only that
// span, and stores into two mappings of one page merge byte by byte.
// Pure logic, tested natively.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace wasishim::mman {

// A half-open byte range within one page; empty when lo >= hi.
struct Span {
  uint32_t lo = 0;
  uint32_t hi = 0;
  bool empty() const { return lo >= hi; }
  void add(Span other) {
    if (other.empty()) return;
    if (empty()) { *this = other; return; }
    if (other.lo < lo) lo = other.lo;
    if (other.hi > hi) hi = other.hi;
  }
};

// The smallest span holding every byte where a and b differ.
Span diff_span(const uint8_t* a, const uint8_t* b, size_t n);

// Folds into `snapshot` the bytes each copy changed relative to the snapshot
// (as it was on entry), then makes every copy equal to the new snapshot, so
// all copies see every copy's stores. When two copies changed the same byte,
// the later copy in `copies` wins. `scratch` holds n bytes. Returns the span of
// the snapshot that changed.
Span merge_copies(uint8_t* snapshot, uint8_t* const* copies, size_t count, size_t n,
                  uint8_t* scratch);

}  // namespace wasishim::mman
