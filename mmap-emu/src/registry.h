// What mmap-emu knows: the table of live mappings, and the files shared or
// private mappings show, identified by (device, inode) whatever descriptor the
// program uses. For each file page a shared mapping shows, the registry holds
// the snapshot its copies are compared with (dirty_tracking.h).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "dirty_tracking.h"
#include "errors.h"
#include "mapping_table.h"
#include "region.h"
#include "vec.h"

namespace wasishim::mman {

// One mapped page of a file: the snapshot the copies are compared with.
struct FilePage {
  uint64_t index;     // file offset / kPage
  uint8_t* snapshot;  // null while no mapping of the page was ever writable
  uint32_t copies;    // shared mappings showing this page
  Span dirty;         // snapshot bytes not yet written to the file
};

struct File {
  uint64_t dev;
  uint64_t ino;
  uint64_t size;         // as last seen; refreshed before every write-back
  uint32_t fd;           // the descriptor write-back and re-reads go through
  bool owned_fd;         // the program closed it; we close it after the last unmap
  bool fd_writable;      // write-back goes through fd, so prefer a writable one
  bool in_use;
  size_t private_pages;  // pages of MAP_PRIVATE mappings of the file
  Vec<FilePage> pages;   // sorted by index: the pages shared mappings show
};

inline constexpr uint32_t kNoFile = UINT32_MAX;
// A file whose descriptor was taken away (renumbered over with no other
// descriptor of it at hand): write-back and re-reads fail with EBADF.
inline constexpr uint32_t kNoFd = UINT32_MAX;

extern Vec<File> files;
extern MappingTable table;
// Pages shown by two or more shared mappings: only those need propagation.
extern size_t shared_pages_with_several_copies;

// First index in `pages` whose page is at or after `index`.
size_t page_lower_bound(const Vec<FilePage>& pages, uint64_t index);

// The file table slot of (dev, ino), or kNoFile.
uint32_t find_file(uint64_t dev, uint64_t ino);
// The mapped file a program descriptor refers to, or kNoFile.
uint32_t file_of_fd(int fd);
result<uint32_t> add_file(uint64_t dev, uint64_t ino, uint64_t size, uint32_t fd, bool writable);
// Forgets the file (closing a descriptor it adopted) once nothing maps it.
void drop_file_if_unused(uint32_t file);

// Whether f.fd still names the file (a program without the shim may have
// closed it and reused the number); refreshes f.size.
status verify_fd(File& f);

// File page index shown at addr by a file mapping.
inline uint64_t page_index(const Mapping& m, uintptr_t addr) {
  return (m.offset + (addr - m.addr)) / kPage;
}

}  // namespace wasishim::mman
