#include "alias.h"

#include "registry.h"

namespace wasishim::mman {
namespace {

// Sorted by address; records may overlap (three names of one page).
Vec<Range> aliases;

}  // namespace

uintptr_t alias_target(uint32_t file, uint64_t offset, size_t bytes, int prot) {
  for (size_t i = 0; i < table.size(); ++i) {
    const Mapping& m = table[i];
    if (m.kind != Kind::shared_file || m.file != file || m.prot != prot) continue;
    if (offset < m.offset || offset >= m.offset + m.bytes) continue;
    // The run of mappings from m on that continue it in address and file
    // offset (Linux would have merged them into one).
    uintptr_t start = m.addr + (offset - m.offset);
    uintptr_t need_end = start + bytes;
    uintptr_t end = m.end();
    for (size_t j = i + 1; end < need_end && j < table.size(); ++j) {
      const Mapping& n = table[j];
      if (n.addr != end || n.kind != Kind::shared_file || n.file != file || n.prot != prot ||
          n.offset != m.offset + (n.addr - m.addr)) {
        break;
      }
      end = n.end();
    }
    if (end >= need_end) return start;
  }
  return 0;
}

status add_alias(uintptr_t addr, size_t bytes) {
  size_t at = 0;
  while (at < aliases.size() && aliases[at].addr < addr) ++at;
  return nomem_unless(aliases.insert(at, Range{addr, addr + bytes}));
}

bool alias_overlaps(uintptr_t addr, uintptr_t end) {
  for (size_t i = 0; i < aliases.size(); ++i) {
    if (aliases[i].addr < end && addr < aliases[i].end) return true;
  }
  return false;
}

status ReleasePlan::make(uintptr_t addr, uintptr_t end) {
  unmap_.clear();
  cuts_.clear();
  if (!unmap_.push_back(Range{addr, end})) return failure(errc::nomem);
  // Each page loses one reference: the first alias record covering it that
  // is still unused in this plan, else the mapping itself.
  for (size_t a = 0; a < aliases.size(); ++a) {
    const Range alias = aliases[a];
    size_t k = 0;
    while (k < unmap_.size()) {
      Range r = unmap_[k];
      uintptr_t lo = r.addr > alias.addr ? r.addr : alias.addr;
      uintptr_t hi = r.end < alias.end ? r.end : alias.end;
      if (lo >= hi) {
        ++k;
        continue;
      }
      if (!cuts_.push_back(Range{lo, hi})) return failure(errc::nomem);
      // What is left of r on either side of the cut is still to unmap, and
      // lies outside this alias record.
      unmap_.erase(k);
      if (r.addr < lo) {
        if (!unmap_.insert(k, Range{r.addr, lo})) return failure(errc::nomem);
        ++k;
      }
      if (hi < r.end) {
        if (!unmap_.insert(k, Range{hi, r.end})) return failure(errc::nomem);
        ++k;
      }
    }
  }
  // Room for commit(): each cut splits a record in two at most.
  return nomem_unless(aliases.reserve(aliases.size() + cuts_.size()));
}

void ReleasePlan::commit() {
  for (size_t c = 0; c < cuts_.size(); ++c) {
    const Range cut = cuts_[c];
    for (size_t a = 0; a < aliases.size(); ++a) {
      Range r = aliases[a];
      if (cut.addr < r.addr || cut.end > r.end) continue;
      aliases.erase(a);
      size_t at = a;
      if (r.addr < cut.addr) (void)aliases.insert(at++, Range{r.addr, cut.addr});
      if (cut.end < r.end) (void)aliases.insert(at, Range{cut.end, r.end});
      break;
    }
  }
}

}  // namespace wasishim::mman
