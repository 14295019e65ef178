// Aliases. A MAP_SHARED mapping of a file range that an existing shared
// mapping of the same file already shows, with the same protection (SQLite's
// and LMDB's re-maps), is given an address inside that mapping instead of a
// copy: a store through one is visible through the other at once, as on
// Linux. Wasm memory cannot map one page at two addresses, so the two share
// their address: every page carries one reference for the mapping that made
// it plus one per alias record covering it, and munmap takes one reference
// from each page it names (alias records first); a page goes when its last
// reference does. Mappings that overlap without one holding the other stay
// copies (coherence.h). docs/mmap.md, "Aliases", is the contract.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "errors.h"
#include "vec.h"

namespace wasishim::mman {

struct Range {
  uintptr_t addr;
  uintptr_t end;
};

// The address where shared mappings of `file` already show file bytes
// [offset, offset + bytes) with protection `prot`, in one run of
// address-contiguous mappings; 0 when none does.
uintptr_t alias_target(uint32_t file, uint64_t offset, size_t bytes, int prot);
status add_alias(uintptr_t addr, size_t bytes);
// Whether an alias record covers any page of [addr, end).
bool alias_overlaps(uintptr_t addr, uintptr_t end);

// What unmapping [addr, end) does: the parts that only lose an alias
// reference, and the parts (in `unmap`) to unmap for real. Nothing changes
// until commit(); a plan is made before anything is written back.
class ReleasePlan {
 public:
  status make(uintptr_t addr, uintptr_t end);
  const Vec<Range>& unmap() const { return unmap_; }
  // Takes the alias references; cannot fail (make() reserved the room).
  void commit();
  ~ReleasePlan() {
    unmap_.release();
    cuts_.release();
  }

 private:
  Vec<Range> unmap_;
  Vec<Range> cuts_;  // parts of alias records to remove
};

}  // namespace wasishim::mman
