// The mapping operations behind mmap, munmap, msync, mprotect, madvise and
// mremap (entries.cpp is their C face). Each returns a result; none touches
// errno. docs/mmap.md, "Semantics", is the contract.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "errors.h"

namespace wasishim::mman {

result<uintptr_t> map(uintptr_t hint, size_t length, int prot, int flags, int fd, int64_t offset);
status unmap(uintptr_t addr, size_t length);
status sync(uintptr_t addr, size_t length, int flags);
status protect(uintptr_t addr, size_t length, int prot);
status advise(uintptr_t addr, size_t length, int advice);
result<uintptr_t> remap(uintptr_t old_addr, size_t old_length, size_t new_length, int flags,
                        uintptr_t new_hint);

// Shared by the operations (mapping_ops.cpp).

// Takes one reference from every page of [addr, end) (alias.h): removes
// from the table, and gives back, the pages that had no other. Shared pages
// must already be written back.
status unmap_range(uintptr_t addr, uintptr_t end);
// Writes back first, so a failed write-back leaves the mapping (and its dirty
// pages) in place and reports the error.
status unmap_with_write_back(uintptr_t addr, uintptr_t end);
// Fills [addr, addr+bytes) with the file's bytes from offset as a new mapping
// would show them: after writing back the stores shared mappings hold there,
// the file read through the descriptor its mappings use (which must still be
// its file's), then past the end of the file the bytes shared mappings hold
// (stores in the last page, as Linux's page cache keeps them), zeros beyond.
status fill_from_file(uint32_t file, uintptr_t addr, size_t bytes, uint64_t offset);

}  // namespace wasishim::mman
