#include "mapping_table.h"

namespace wasishim::mman {

size_t MappingTable::first_ending_after(uintptr_t addr) const {
  size_t lo = 0, hi = entries_.size();
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (entries_[mid].end() <= addr) lo = mid + 1; else hi = mid;
  }
  return lo;
}

const Mapping* MappingTable::find(uintptr_t addr) const {
  size_t i = first_ending_after(addr);
  if (i < entries_.size() && entries_[i].addr <= addr) return &entries_[i];
  return nullptr;
}

bool MappingTable::covers(uintptr_t addr, uintptr_t end) const {
  size_t i = first_ending_after(addr);
  uintptr_t at = addr;
  for (; i < entries_.size() && at < end; ++i) {
    if (entries_[i].addr > at) return false;
    at = entries_[i].end();
  }
  return at >= end;
}

bool MappingTable::overlaps(uintptr_t addr, uintptr_t end) const {
  size_t i = first_ending_after(addr);
  return i < entries_.size() && entries_[i].addr < end;
}

bool MappingTable::split_at(uintptr_t addr) {
  size_t i = first_ending_after(addr);
  if (i == entries_.size() || entries_[i].addr >= addr) return true;
  Mapping tail = entries_[i];
  size_t head_bytes = addr - tail.addr;
  tail.addr = addr;
  tail.bytes -= head_bytes;
  tail.offset += head_bytes;
  if (!entries_.insert(i + 1, tail)) return false;
  entries_[i].bytes = head_bytes;
  return true;
}

bool MappingTable::compatible(const Mapping& a, const Mapping& b) {
  if (a.end() != b.addr || a.kind != b.kind || a.prot != b.prot) return false;
  if (a.kind == Kind::anonymous) return true;
  return a.file == b.file && a.may_write == b.may_write && a.offset + a.bytes == b.offset;
}

void MappingTable::merge_range(size_t first, size_t last) {
  if (entries_.size() == 0) return;
  size_t lo = first > 0 ? first - 1 : 0;
  size_t hi = last + 1 < entries_.size() ? last + 1 : entries_.size() - 1;
  for (size_t i = hi; i > lo; --i) {
    if (compatible(entries_[i - 1], entries_[i])) {
      entries_[i - 1].bytes += entries_[i].bytes;
      entries_.erase(i);
    }
  }
}

bool MappingTable::insert(const Mapping& m) {
  size_t i = first_ending_after(m.addr);
  if (!entries_.insert(i, m)) return false;
  merge_range(i, i);
  return true;
}

}  // namespace wasishim::mman
