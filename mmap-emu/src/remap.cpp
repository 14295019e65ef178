// mremap: shrink in place, grow in place into free pages, or move.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <string.h>
#include <sys/mman.h>

#include "alias.h"
#include "coherence.h"
#include "mapping_ops.h"
#include "registry.h"

namespace wasishim::mman {
namespace {

// Adds `m` (its pages already taken) to the table and its file; on failure
// gives its pages back.
status insert_mapping(const Mapping& m) {
  if (m.kind == Kind::shared_file) {
    if (auto r = attach(m, m.addr, m.end()); !r) {
      region().release(m.addr, m.bytes);
      return r;
    }
  }
  if (!table.insert(m)) {
    if (m.kind == Kind::shared_file) detach(m, m.addr, m.end());
    region().release(m.addr, m.bytes);
    return failure(errc::nomem);
  }
  if (m.kind == Kind::private_file) files[m.file].private_pages += m.bytes / kPage;
  return {};
}

// Grows the mapping ending at old_end in place when the pages after it are
// free. False when they are not.
result<bool> grow_in_place(const Mapping& piece, uintptr_t old_end, size_t extra) {
  if (!region().claim(old_end, extra, clear_pages, nullptr)) return false;
  Mapping tail = piece;
  tail.addr = old_end;
  tail.bytes = extra;
  tail.offset = piece.offset + (old_end - piece.addr);
  if (is_file(tail.kind)) {
    if (auto r = fill_from_file(tail.file, old_end, extra, tail.offset); !r) {
      region().release(old_end, extra);
      return failure(r.error());
    }
  }
  if (auto r = insert_mapping(tail); !r) return failure(r.error());
  return true;
}

}  // namespace

result<uintptr_t> remap(uintptr_t old_addr, size_t old_length, size_t new_length, int flags,
                        uintptr_t new_hint) {
  if (old_addr % kPage != 0) return failure(errc::inval);
  if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED)) return failure(errc::inval);
  if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)) return failure(errc::inval);
  if (new_length == 0 || old_length == 0) return failure(errc::inval);
  size_t old_bytes = round_up(old_length), new_bytes = round_up(new_length);
  if (old_bytes < old_length || new_bytes < new_length) return failure(errc::inval);
  uintptr_t old_end = old_addr + old_bytes;
  const Mapping* found = table.find(old_addr);
  if (!found || found->end() < old_end) return failure(errc::fault);
  Mapping m = *found;
  // A move splits at both ends of two ranges and inserts one mapping.
  if (auto r = reserve_for_mappings(table.size() + 5); !r) return failure(r.error());

  if (flags & MREMAP_FIXED) {
    if (new_hint % kPage != 0) return failure(errc::inval);
    uintptr_t new_end = new_hint + new_bytes;
    if (new_hint < old_end && old_addr < new_end) return failure(errc::inval);
    if (!region().owns(new_hint, new_bytes)) return failure(errc::nomem);
    // Memory an alias shares with another mapping cannot be replaced.
    if (alias_overlaps(new_hint, new_end)) return failure(errc::nomem);
  } else {
    if (new_bytes == old_bytes) return old_addr;
    if (new_bytes < old_bytes) {
      if (auto r = unmap_with_write_back(old_addr + new_bytes, old_end); !r) {
        return failure(r.error());
      }
      return old_addr;
    }
  }

  // The mapping's view starting at old_addr.
  Mapping piece = m;
  piece.addr = old_addr;
  piece.offset = m.offset + (old_addr - m.addr);

  if (!(flags & MREMAP_FIXED) && m.end() == old_end) {
    auto grown = grow_in_place(piece, old_end, new_bytes - old_bytes);
    if (!grown) return failure(grown.error());
    if (*grown) return old_addr;
  }
  if (!(flags & MREMAP_MAYMOVE)) return failure(errc::nomem);

  // Move: new pages, the old bytes copied over, the rest from the file.
  if (piece.kind == Kind::shared_file) {
    // The new copy starts from the snapshots (attach), so fold the old
    // copy's stores into them first.
    if (auto r = merge_pages(piece.file, piece.offset / kPage, (piece.offset + old_bytes) / kPage, false);
        !r) {
      return failure(r.error());
    }
  }
  if (new_bytes < old_bytes) {
    // Stores to the part left behind must reach the file before it goes.
    if (auto r = write_back_addresses(old_addr + new_bytes, old_end); !r) {
      return failure(r.error());
    }
  }
  uintptr_t new_addr;
  if (flags & MREMAP_FIXED) {
    if (auto r = unmap_with_write_back(new_hint, new_hint + new_bytes); !r) {
      return failure(r.error());
    }
    if (!region().claim(new_hint, new_bytes, clear_pages, nullptr)) return failure(errc::nomem);
    new_addr = new_hint;
  } else {
    new_addr = region().allocate(new_bytes, clear_pages, nullptr);
    if (new_addr == 0) return failure(errc::nomem);
  }
  size_t kept = old_bytes < new_bytes ? old_bytes : new_bytes;
  if (is_file(piece.kind) && new_bytes > old_bytes) {
    status r = fill_from_file(piece.file, new_addr + old_bytes, new_bytes - old_bytes,
                              piece.offset + old_bytes);
    if (!r) {
      region().release(new_addr, new_bytes);
      return failure(r.error());
    }
  }
  memcpy(at(new_addr), at(old_addr), kept);
  Mapping moved = piece;
  moved.addr = new_addr;
  moved.bytes = new_bytes;
  if (auto r = insert_mapping(moved); !r) return failure(r.error());
  // The old range's stores now live in the new copy; nothing to write back.
  if (auto r = unmap_range(old_addr, old_end); !r) return failure(r.error());
  return new_addr;
}

}  // namespace wasishim::mman
