#include "dirty_tracking.h"

#include <string.h>

namespace wasishim::mman {

Span diff_span(const uint8_t* a, const uint8_t* b, size_t n) {
  size_t lo = 0;
  // Word-at-a-time while equal: most pages are clean, and memcmp would only
  // say whether, not where.
  while (lo + sizeof(uint64_t) <= n) {
    uint64_t x, y;
    memcpy(&x, a + lo, sizeof x);
    memcpy(&y, b + lo, sizeof y);
    if (x != y) break;
    lo += sizeof(uint64_t);
  }
  while (lo < n && a[lo] == b[lo]) ++lo;
  if (lo == n) return Span{};
  size_t hi = n;
  while (hi - lo >= sizeof(uint64_t)) {
    uint64_t x, y;
    memcpy(&x, a + hi - sizeof x, sizeof x);
    memcpy(&y, b + hi - sizeof y, sizeof y);
    if (x != y) break;
    hi -= sizeof(uint64_t);
  }
  while (a[hi - 1] == b[hi - 1]) --hi;
  return Span{static_cast<uint32_t>(lo), static_cast<uint32_t>(hi)};
}

Span merge_copies(uint8_t* snapshot, uint8_t* const* copies, size_t count, size_t n,
                  uint8_t* scratch) {
  Span changed;
  size_t changed_copies = 0;
  size_t only = 0;
  for (size_t i = 0; i < count; ++i) {
    Span s = diff_span(copies[i], snapshot, n);
    if (s.empty()) continue;
    changed.add(s);
    ++changed_copies;
    only = i;
  }
  if (changed_copies == 0) return changed;
  if (changed_copies == 1) {
    memcpy(snapshot + changed.lo, copies[only] + changed.lo, changed.hi - changed.lo);
  } else {
    memcpy(scratch + changed.lo, snapshot + changed.lo, changed.hi - changed.lo);
    for (size_t i = 0; i < count; ++i) {
      for (size_t b = changed.lo; b < changed.hi; ++b) {
        if (copies[i][b] != scratch[b]) snapshot[b] = copies[i][b];
      }
    }
  }
  for (size_t i = 0; i < count; ++i) {
    memcpy(copies[i] + changed.lo, snapshot + changed.lo, changed.hi - changed.lo);
  }
  return changed;
}

}  // namespace wasishim::mman
