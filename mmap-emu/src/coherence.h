// Coherence of shared file mappings: registering a mapping's pages as copies
// of its file's pages, folding what the program stored into the snapshots and
// every other copy, and writing stored bytes to the file. docs/mmap.md ("When
// a store is visible", "Nothing is lost") is the contract.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "errors.h"
#include "mapping_table.h"

namespace wasishim::mman {

// Registers [addr, end) of shared file mapping m (already filled from the
// file) as copies of its file's pages; a page other mappings show takes their
// merged bytes. On failure nothing is registered.
status attach(const Mapping& m, uintptr_t addr, uintptr_t end);
// Unregisters [addr, end) of shared mapping m, whose stores must already be
// merged into the snapshots.
void detach(const Mapping& m, uintptr_t addr, uintptr_t end);
// Gives a snapshot to every page of [addr, end) of m that lacks one (the
// mapping became writable).
status ensure_snapshots(const Mapping& m, uintptr_t addr, uintptr_t end);

// Merging walks lists as long as the mapping table. Every operation that may
// add entries to the table (at most three: two splits and an insertion)
// first makes room in them, where running out of memory can still be
// reported, so merging itself never allocates and never drops a store.
status reserve_for_mappings(size_t mappings);

// Folds what the program stored into each copy of the file's pages
// [first, last) into their snapshots and makes all copies agree.
status merge_pages(uint32_t file, uint64_t first, uint64_t last, bool only_shared_pages);
// Makes stores through one shared mapping visible in every other mapping of
// the same file page: run at every entry point.
status propagate();

// The file's bytes [lo, hi) changed outside any mapping: they become `data`
// (zeros when null) in the snapshots and in every shared mapping showing
// them, without counting as stores.
void overwrite_shown_bytes(uint32_t file, uint64_t lo, uint64_t hi, const uint8_t* data);

// [addr, addr+bytes) was just filled from the file at `offset`, which ends at
// end_of_file: its bytes at or past that end take what the file's shared
// mappings hold there (merged into the snapshots by a write-back first).
void show_stores_past_end(uint32_t file, uintptr_t addr, size_t bytes, uint64_t offset,
                          uint64_t end_of_file);

// Writes the stored bytes of the file's pages [first, last) to the file. On
// failure the pages not yet written stay dirty, for a later retry. Bytes past
// the end of the file stay out of it; an O_APPEND descriptor is written with
// append mode off (Linux's pwrite would append).
status write_back(uint32_t file, uint64_t first, uint64_t last);
// Writes back every shared page shown in [addr, end).
status write_back_addresses(uintptr_t addr, uintptr_t end);
status write_back_everything();

}  // namespace wasishim::mman
