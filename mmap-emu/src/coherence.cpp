#include "coherence.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "file_io.h"
#include "heap.h"
#include "registry.h"

namespace wasishim::mman {
namespace {

uint8_t merge_scratch[kPage];
Vec<uint8_t*> copy_list;
Vec<size_t> entry_list;

}  // namespace

status attach(const Mapping& m, uintptr_t addr, uintptr_t end) {
  File& f = files[m.file];
  uint64_t first = page_index(m, addr), count = (end - addr) / kPage;
  // Merge into a new sorted array: one pass, whatever the sizes.
  Vec<FilePage> merged;
  if (!merged.reserve(f.pages.size() + count)) return failure(errc::nomem);
  size_t i = 0;
  while (i < f.pages.size() && f.pages[i].index < first) merged.push_back(f.pages[i++]);
  bool writable = (m.prot & PROT_WRITE) != 0;
  bool failed = false;
  for (uint64_t p = first; p < first + count; ++p) {
    FilePage fp{p, nullptr, 0, Span{}};
    if (i < f.pages.size() && f.pages[i].index == p) fp = f.pages[i++];
    // A page other mappings already show starts from their merged bytes,
    // which include stores the file does not hold (past its end, say).
    if (fp.snapshot) memcpy(at(addr + (p - first) * kPage), fp.snapshot, kPage);
    ++fp.copies;
    if (writable && !fp.snapshot && !failed) {
      fp.snapshot = static_cast<uint8_t*>(heap_alloc(kPage));
      if (fp.snapshot) memcpy(fp.snapshot, at(addr + (p - first) * kPage), kPage);
      else failed = true;
    }
    merged.push_back(fp);
  }
  if (failed) {
    // Undo: free only the snapshots this call made.
    for (size_t k = 0; k < merged.size(); ++k) {
      FilePage& fp = merged[k];
      if (fp.index < first || fp.index >= first + count || !fp.snapshot) continue;
      size_t old = page_lower_bound(f.pages, fp.index);
      bool existed = old < f.pages.size() && f.pages[old].index == fp.index &&
                     f.pages[old].snapshot == fp.snapshot;
      if (!existed) heap_free(fp.snapshot);
    }
    merged.release();
    return failure(errc::nomem);
  }
  while (i < f.pages.size()) merged.push_back(f.pages[i++]);
  for (uint64_t p = first; p < first + count; ++p) {
    size_t k = page_lower_bound(merged, p);
    if (merged[k].copies == 2) ++shared_pages_with_several_copies;
  }
  f.pages.release();
  f.pages = merged;
  return {};
}

void detach(const Mapping& m, uintptr_t addr, uintptr_t end) {
  File& f = files[m.file];
  uint64_t first = page_index(m, addr), last = first + (end - addr) / kPage;
  size_t out = page_lower_bound(f.pages, first);
  size_t in = out;
  for (; in < f.pages.size(); ++in) {
    FilePage fp = f.pages[in];
    if (fp.index < last) {
      if (fp.copies == 2) --shared_pages_with_several_copies;
      if (--fp.copies == 0) {
        heap_free(fp.snapshot);
        continue;
      }
    }
    f.pages[out++] = fp;
  }
  f.pages.erase(out, in - out);
  drop_file_if_unused(m.file);
}

status ensure_snapshots(const Mapping& m, uintptr_t addr, uintptr_t end) {
  File& f = files[m.file];
  for (uintptr_t a = addr; a < end; a += kPage) {
    size_t k = page_lower_bound(f.pages, page_index(m, a));
    if (k == f.pages.size() || f.pages[k].snapshot) continue;
    uint8_t* s = static_cast<uint8_t*>(heap_alloc(kPage));
    if (!s) return failure(errc::nomem);
    memcpy(s, at(a), kPage);
    f.pages[k].snapshot = s;
  }
  return {};
}

status reserve_for_mappings(size_t mappings) {
  return nomem_unless(entry_list.reserve(mappings) && copy_list.reserve(mappings));
}

namespace {

// Table indices of the shared mappings of `file` showing any page of
// [first, last), in entry_list.
status collect_entries(uint32_t file, uint64_t first, uint64_t last) {
  entry_list.clear();
  for (size_t i = 0; i < table.size(); ++i) {
    const Mapping& m = table[i];
    if (m.kind != Kind::shared_file || m.file != file) continue;
    uint64_t mf = m.offset / kPage, ml = mf + m.bytes / kPage;
    if (mf < last && first < ml && !entry_list.push_back(i)) return failure(errc::nomem);
  }
  return {};
}

}  // namespace

status merge_pages(uint32_t file, uint64_t first, uint64_t last, bool only_shared_pages) {
  File& f = files[file];
  if (auto r = collect_entries(file, first, last); !r) return r;
  for (size_t k = page_lower_bound(f.pages, first); k < f.pages.size(); ++k) {
    FilePage& fp = f.pages[k];
    if (fp.index >= last) break;
    if (!fp.snapshot || (only_shared_pages && fp.copies < 2)) continue;
    copy_list.clear();
    for (size_t e = 0; e < entry_list.size(); ++e) {
      const Mapping& m = table[entry_list[e]];
      uint64_t mf = m.offset / kPage;
      if (fp.index < mf || fp.index >= mf + m.bytes / kPage) continue;
      if (!copy_list.push_back(at(m.addr + (fp.index - mf) * kPage))) return failure(errc::nomem);
    }
    fp.dirty.add(merge_copies(fp.snapshot, copy_list.begin(), copy_list.size(), kPage,
                              merge_scratch));
  }
  return {};
}

status propagate() {
  if (shared_pages_with_several_copies == 0) return {};
  status first_error;
  for (size_t i = 0; i < files.size(); ++i) {
    if (!files[i].in_use) continue;
    if (auto r = merge_pages(uint32_t(i), 0, UINT64_MAX, true); !r && first_error) first_error = r;
  }
  return first_error;
}

void show_stores_past_end(uint32_t file, uintptr_t addr, size_t bytes, uint64_t offset,
                          uint64_t end_of_file) {
  const File& f = files[file];
  uint64_t end = offset + bytes;
  for (size_t k = page_lower_bound(f.pages, end_of_file / kPage); k < f.pages.size(); ++k) {
    const FilePage& fp = f.pages[k];
    uint64_t base = fp.index * kPage;
    if (base >= end) break;
    if (!fp.snapshot) continue;  // never writable: the copies hold zeros there
    uint64_t lo = base > end_of_file ? base : end_of_file;
    if (lo < offset) lo = offset;
    uint64_t hi = base + kPage < end ? base + kPage : end;
    if (lo < hi) memcpy(at(addr + (lo - offset)), fp.snapshot + (lo - base), hi - lo);
  }
}

void overwrite_shown_bytes(uint32_t file, uint64_t lo, uint64_t hi, const uint8_t* data) {
  File& f = files[file];
  // The list has room (reserve_for_mappings); were it short, neither the
  // snapshots nor the copies change, so no old byte is taken for a store.
  if (lo >= hi || !collect_entries(file, lo / kPage, (hi + kPage - 1) / kPage)) return;
  for (size_t k = page_lower_bound(f.pages, lo / kPage); k < f.pages.size(); ++k) {
    FilePage& fp = f.pages[k];
    uint64_t base = fp.index * kPage;
    if (base >= hi) break;
    uint64_t a = base > lo ? base : lo, b = base + kPage < hi ? base + kPage : hi;
    // The snapshot takes the bytes as the file now has them, so they do not
    // count as stores; a copy's own stores elsewhere on the page still do.
    if (fp.snapshot) {
      if (data) memcpy(fp.snapshot + (a - base), data + (a - lo), b - a);
      else memset(fp.snapshot + (a - base), 0, b - a);
    }
    for (size_t e = 0; e < entry_list.size(); ++e) {
      const Mapping& m = table[entry_list[e]];
      uint64_t mf = m.offset / kPage;
      if (fp.index < mf || fp.index >= mf + m.bytes / kPage) continue;
      uint8_t* copy = at(m.addr + (fp.index - mf) * kPage + (a - base));
      if (data) memcpy(copy, data + (a - lo), b - a);
      else memset(copy, 0, b - a);
    }
  }
}

namespace {

status pwrite_all(uint32_t fd, const uint8_t* data, size_t len, uint64_t offset) {
  while (len > 0) {
    auto n = io::pwrite(fd, data, len, offset);
    if (!n) return failure(n.error());
    if (*n == 0) return failure(errc::io);
    data += *n;
    len -= *n;
    offset += *n;
  }
  return {};
}

}  // namespace

namespace {

status write_dirty_pages(File& f, size_t k, uint64_t last) {
  for (; k < f.pages.size() && f.pages[k].index < last; ++k) {
    FilePage& fp = f.pages[k];
    if (fp.dirty.empty()) continue;
    // Bytes past the end of the file stay out of it, as with Linux.
    uint64_t base = fp.index * kPage;
    uint64_t lo = base + fp.dirty.lo, hi = base + fp.dirty.hi;
    if (hi > f.size) hi = f.size;
    if (lo < hi) {
      if (auto r = pwrite_all(f.fd, fp.snapshot + fp.dirty.lo, size_t(hi - lo), lo); !r) return r;
    }
    fp.dirty = Span{};
  }
  return {};
}

}  // namespace

status write_back(uint32_t file, uint64_t first, uint64_t last) {
  if (auto r = merge_pages(file, first, last, false); !r) return r;
  File& f = files[file];
  size_t k = page_lower_bound(f.pages, first);
  bool any = false;
  for (size_t j = k; j < f.pages.size() && f.pages[j].index < last; ++j) {
    if (!f.pages[j].dirty.empty()) { any = true; break; }
  }
  if (!any) return {};
  if (auto r = verify_fd(f); !r) return r;
  // The program may have made the descriptor O_APPEND after mapping
  // (fcntl(F_SETFL)); Linux's pwrite would then append. Append mode is off
  // while the pages are written, and given back afterwards.
  auto mode = io::fdstat(f.fd);
  if (!mode) return failure(mode.error());
  const bool append = sys::has(mode->fs_flags, sys::fdflags::append);
  if (append) {
    if (auto r = io::set_fdflags(f.fd, mode->fs_flags & ~sys::fdflags::append); !r) return r;
  }
  status written = write_dirty_pages(f, k, last);
  if (append) {
    if (auto r = io::set_fdflags(f.fd, mode->fs_flags); !r && written) written = r;
  }
  return written;
}

status write_back_addresses(uintptr_t addr, uintptr_t end) {
  status first_error;
  for (size_t i = table.first_ending_after(addr); i < table.size() && table[i].addr < end; ++i) {
    const Mapping& m = table[i];
    if (m.kind != Kind::shared_file) continue;
    uintptr_t lo = m.addr > addr ? m.addr : addr, hi = m.end() < end ? m.end() : end;
    status r = write_back(m.file, page_index(m, lo), page_index(m, lo) + (hi - lo) / kPage);
    if (!r && first_error) first_error = r;
  }
  return first_error;
}

status write_back_everything() {
  status first_error = propagate();
  for (size_t i = 0; i < files.size(); ++i) {
    if (!files[i].in_use) continue;
    status r = write_back(uint32_t(i), 0, UINT64_MAX);
    if (!r && first_error) first_error = r;
  }
  return first_error;
}

}  // namespace wasishim::mman
