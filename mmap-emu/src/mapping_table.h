// The table of live mappings: sorted, non-overlapping page ranges that split
// when part of one is unmapped or changed, and merge again with compatible
// neighbours (as Linux merges VMAs), so mremap sees one mapping where Linux
// does. Pure logic, tested natively.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "vec.h"

namespace wasishim::mman {

enum class Kind : uint8_t {
  anonymous,         // MAP_PRIVATE|MAP_ANONYMOUS
  shared_anonymous,  // MAP_SHARED|MAP_ANONYMOUS: like Linux's shmem object, it
                     // keeps its bytes through MADV_DONTNEED; `file` names it
  private_file,      // MAP_PRIVATE of a file: a copy taken at mmap time
  shared_file,       // MAP_SHARED of a file: kept coherent with the file
};

inline bool is_file(Kind k) { return k == Kind::private_file || k == Kind::shared_file; }

struct Mapping {
  uintptr_t addr;
  size_t bytes;
  uint64_t offset;    // file (or shared object) offset of addr
  uint32_t file;      // file kinds: index into the file table; shared_anonymous: object id
  uint8_t prot;       // PROT_* as given
  Kind kind;
  bool may_write;     // shared_file: the descriptor allowed writing

  uintptr_t end() const { return addr + bytes; }
};

class MappingTable {
 public:
  size_t size() const { return entries_.size(); }
  Mapping& operator[](size_t i) { return entries_[i]; }
  const Mapping& operator[](size_t i) const { return entries_[i]; }

  // Index of the first mapping that ends after addr (size() if none).
  size_t first_ending_after(uintptr_t addr) const;
  // The mapping holding addr, or nullptr.
  const Mapping* find(uintptr_t addr) const;
  // Whether every page of [addr, end) is mapped.
  bool covers(uintptr_t addr, uintptr_t end) const;
  bool overlaps(uintptr_t addr, uintptr_t end) const;

  // Makes addr a mapping boundary, splitting the mapping across it.
  // False when memory runs out.
  bool split_at(uintptr_t addr);
  // Inserts m, which must not overlap a mapping; merges it with neighbours
  // when compatible. False when memory runs out.
  bool insert(const Mapping& m);
  void erase(size_t index) { entries_.erase(index); }
  // Merges mappings [first, last] with compatible neighbours.
  void merge_range(size_t first, size_t last);

  static bool compatible(const Mapping& a, const Mapping& b);
  void release() { entries_.release(); }

 private:
  Vec<Mapping> entries_;
};

}  // namespace wasishim::mman
