// mmap, munmap, msync, mprotect, mremap, madvise and posix_madvise emulated
// with reads and writes, and the hooks libc-shim calls to keep mappings
// coherent with file I/O (wasishim/mman_hooks.h). docs/mmap.md describes the
// semantics; this file is the glue between the pure pieces (page allocator,
// mapping table, dirty tracking) and WASI.
//
// Everything lives in this one object on purpose: the shim references the
// hooks weakly, and a weak reference does not pull an archive member, so the
// hooks must come with mmap itself.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "dirty_tracking.h"
#include "mapping_table.h"
#include "page_allocator.h"
#include "vec.h"
#include "wasishim/mman_hooks.h"
#include "wasishim/page_size.h"
#include "wasishim/syscalls.h"

namespace wasishim::mman {
namespace {

using sys::errc;
constexpr size_t kPage = WASISHIM_PAGE_SIZE;
constexpr size_t kWasmPage = 65536;

// One mapped page of a file: the snapshot the copies are compared with.
struct FilePage {
  uint64_t index;     // file offset / kPage
  uint8_t* snapshot;  // null while no mapping of the page was ever writable
  uint32_t copies;    // shared mappings showing this page
  Span dirty;         // snapshot bytes not yet written to the file
};

// A mapped file, identified by (dev, ino) whatever descriptor
// the program uses.
struct File {
  uint64_t dev;
  uint64_t ino;
  uint64_t size;  // as last seen; refreshed before every write-back
  uint32_t fd;    // the descriptor the first mapping used
  bool owned_fd;  // the program closed it; we close it after the last unmap
  bool fd_writable;  // write-back goes through fd, so prefer a writable one
  bool in_use;
  size_t private_pages;  // pages of MAP_PRIVATE mappings of the file
  Vec<FilePage> pages;   // sorted by index: the pages shared mappings show
};

uintptr_t grow_memory(void*, size_t bytes, size_t* got);

Vec<File> files;
MappingTable table;
PageAllocator allocator(kPage, grow_memory, nullptr);
size_t shared_pages_with_several_copies = 0;
uint32_t next_shared_object = 0;
bool exit_flush_registered = false;
uint8_t merge_scratch[kPage];
Vec<uint8_t*> copy_list;
Vec<size_t> entry_list;

// ---------------------------------------------------------------- memory

uintptr_t grow_memory(void*, size_t bytes, size_t* got) {
  // wasi-libc's malloc takes every page up to the end of memory when it first
  // runs; make it run before the first page is ours.
  static bool malloc_initialised = false;
  if (!malloc_initialised) {
    free(malloc(1));
    malloc_initialised = true;
  }
#if defined(__wasm32__)
  size_t wasm_pages = (bytes + kWasmPage - 1) / kWasmPage;
  size_t current = __builtin_wasm_memory_size(0);
  // Keep the end of the region representable in a 32-bit address.
  if (current + wasm_pages >= 65536) return 0;
  size_t old = __builtin_wasm_memory_grow(0, wasm_pages);
  if (old == SIZE_MAX) return 0;
  *got = wasm_pages * kWasmPage;
  return old * kWasmPage;
#else
  (void)bytes;
  (void)got;
  return 0;
#endif
}

void clear_bytes(void*, uintptr_t addr, size_t bytes) {
  memset(reinterpret_cast<void*>(addr), 0, bytes);
}

uint8_t* at(uintptr_t addr) { return reinterpret_cast<uint8_t*>(addr); }

size_t round_up(size_t n) { return (n + kPage - 1) & ~(kPage - 1); }

// ---------------------------------------------------------------- files

size_t page_lower_bound(const Vec<FilePage>& pages, uint64_t index) {
  size_t lo = 0, hi = pages.size();
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (pages[mid].index < index) lo = mid + 1; else hi = mid;
  }
  return lo;
}

sys::result<sys::filestat> stat_fd(uint32_t fd) { return sys::fd_filestat_get(fd); }

// The file table slot of (dev, ino), or -1.
int find_file(uint64_t dev, uint64_t ino) {
  for (size_t i = 0; i < files.size(); ++i) {
    if (files[i].in_use && files[i].dev == dev && files[i].ino == ino) return int(i);
  }
  return -1;
}

bool any_files() {
  for (size_t i = 0; i < files.size(); ++i) {
    if (files[i].in_use) return true;
  }
  return false;
}

// The file a program descriptor refers to, if it has shared mappings.
int file_of_fd(int fd) {
  if (fd < 0 || !any_files()) return -1;
  for (size_t i = 0; i < files.size(); ++i) {
    // The program's own descriptor: while we have not adopted it, the shim
    // routes every close through us, so the number still names the file.
    if (files[i].in_use && !files[i].owned_fd && files[i].fd == uint32_t(fd)) return int(i);
  }
  auto st = stat_fd(uint32_t(fd));
  if (!st) return -1;
  return find_file(st->dev, st->ino);
}

int add_file(uint64_t dev, uint64_t ino, uint64_t size, uint32_t fd, bool writable) {
  size_t slot = files.size();
  for (size_t i = 0; i < files.size(); ++i) {
    if (!files[i].in_use) { slot = i; break; }
  }
  if (slot == files.size() && !files.push_back(File{})) return -1;
  File& f = files[slot];
  f.dev = dev;
  f.ino = ino;
  f.size = size;
  f.fd = fd;
  f.owned_fd = false;
  f.fd_writable = writable;
  f.in_use = true;
  f.private_pages = 0;
  f.pages.clear();
  return int(slot);
}

void drop_file_if_unused(uint32_t file) {
  File& f = files[file];
  if (!f.in_use || !f.pages.empty() || f.private_pages != 0) return;
  if (f.owned_fd) (void)sys::fd_close(f.fd);
  f.pages.release();
  f.in_use = false;
}

// File page index shown at addr by a shared mapping.
uint64_t page_index(const Mapping& m, uintptr_t addr) { return (m.offset + (addr - m.addr)) / kPage; }

// Registers [addr, end) of mapping m (shared_file, already filled) as copies
// of its file pages. On failure nothing is registered.
errc attach(const Mapping& m, uintptr_t addr, uintptr_t end) {
  File& f = files[m.file];
  uint64_t first = page_index(m, addr), count = (end - addr) / kPage;
  // Merge into a new sorted array: one pass, whatever the sizes.
  Vec<FilePage> merged;
  if (!merged.reserve(f.pages.size() + count)) return errc::nomem;
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
      fp.snapshot = static_cast<uint8_t*>(malloc(kPage));
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
      if (!existed) free(fp.snapshot);
    }
    merged.release();
    return errc::nomem;
  }
  while (i < f.pages.size()) merged.push_back(f.pages[i++]);
  for (uint64_t p = first; p < first + count; ++p) {
    size_t k = page_lower_bound(merged, p);
    if (merged[k].copies == 2) ++shared_pages_with_several_copies;
  }
  f.pages.release();
  f.pages = merged;
  return errc::success;
}

// Unregisters [addr, end) of shared mapping m. Its changes must already be
// merged into the snapshots.
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
        free(fp.snapshot);
        continue;
      }
    }
    f.pages[out++] = fp;
  }
  f.pages.erase(out, in - out);
  drop_file_if_unused(m.file);
}

// Gives a snapshot to every page of [addr, end) of m that lacks one (the
// mapping became writable). All copies of such a page are equal.
errc ensure_snapshots(const Mapping& m, uintptr_t addr, uintptr_t end) {
  File& f = files[m.file];
  for (uintptr_t a = addr; a < end; a += kPage) {
    size_t k = page_lower_bound(f.pages, page_index(m, a));
    if (k == f.pages.size() || f.pages[k].snapshot) continue;
    uint8_t* s = static_cast<uint8_t*>(malloc(kPage));
    if (!s) return errc::nomem;
    memcpy(s, at(a), kPage);
    f.pages[k].snapshot = s;
  }
  return errc::success;
}

// Table indices of the shared mappings of `file` showing any page of
// [first, last).
bool collect_entries(uint32_t file, uint64_t first, uint64_t last) {
  entry_list.clear();
  for (size_t i = 0; i < table.size(); ++i) {
    const Mapping& m = table[i];
    if (m.kind != Kind::shared_file || m.file != file) continue;
    uint64_t mf = m.offset / kPage, ml = mf + m.bytes / kPage;
    if (mf < last && first < ml && !entry_list.push_back(i)) return false;
  }
  return true;
}

// Folds what the program stored into each copy of the file's pages
// [first, last) into their snapshots and makes all copies agree.
void merge_pages(uint32_t file, uint64_t first, uint64_t last, bool only_shared_pages) {
  File& f = files[file];
  if (!collect_entries(file, first, last)) return;
  for (size_t k = page_lower_bound(f.pages, first); k < f.pages.size(); ++k) {
    FilePage& fp = f.pages[k];
    if (fp.index >= last) break;
    if (!fp.snapshot || (only_shared_pages && fp.copies < 2)) continue;
    copy_list.clear();
    for (size_t e = 0; e < entry_list.size(); ++e) {
      const Mapping& m = table[entry_list[e]];
      uint64_t mf = m.offset / kPage;
      if (fp.index < mf || fp.index >= mf + m.bytes / kPage) continue;
      if (!copy_list.push_back(at(m.addr + (fp.index - mf) * kPage))) return;
    }
    fp.dirty.add(merge_copies(fp.snapshot, copy_list.begin(), copy_list.size(), kPage,
                              merge_scratch));
  }
}

// Makes stores through one shared mapping visible in every other mapping of
// the same file page: run at every entry point.
void propagate() {
  if (shared_pages_with_several_copies == 0) return;
  for (size_t i = 0; i < files.size(); ++i) {
    if (files[i].in_use) merge_pages(uint32_t(i), 0, UINT64_MAX, true);
  }
}

// Whether f.fd still names the file (a program without the shim may have
// closed it and reused the number), with its current size.
errc verify_fd(File& f) {
  auto st = stat_fd(f.fd);
  if (!st) return st.error();
  if (st->dev != f.dev || st->ino != f.ino) return errc::badf;
  f.size = st->size;
  return errc::success;
}

errc pwrite_all(uint32_t fd, const uint8_t* data, size_t len, uint64_t offset) {
  while (len > 0) {
    sys::ciovec v{data, len};
    auto n = sys::fd_pwrite(fd, &v, 1, offset);
    if (!n) return n.error();
    if (*n == 0) return errc::io;
    data += *n;
    len -= *n;
    offset += *n;
  }
  return errc::success;
}

// Writes the dirty bytes of the file's pages [first, last) to the file. On
// failure the pages not yet written stay dirty, for a later retry.
errc write_back(uint32_t file, uint64_t first, uint64_t last) {
  merge_pages(file, first, last, false);
  File& f = files[file];
  size_t k = page_lower_bound(f.pages, first);
  bool any = false;
  for (size_t j = k; j < f.pages.size() && f.pages[j].index < last; ++j) {
    if (!f.pages[j].dirty.empty()) { any = true; break; }
  }
  if (!any) return errc::success;
  if (errc e = verify_fd(f); e != errc::success) return e;
  for (; k < f.pages.size() && f.pages[k].index < last; ++k) {
    FilePage& fp = f.pages[k];
    if (fp.dirty.empty()) continue;
    // Bytes past the end of the file stay out of it, as with Linux.
    uint64_t base = fp.index * kPage;
    uint64_t lo = base + fp.dirty.lo, hi = base + fp.dirty.hi;
    if (hi > f.size) hi = f.size;
    if (lo < hi) {
      errc e = pwrite_all(f.fd, fp.snapshot + fp.dirty.lo, size_t(hi - lo), lo);
      if (e != errc::success) return e;
    }
    fp.dirty = Span{};
  }
  return errc::success;
}

// Writes back every shared page shown in [addr, end).
errc write_back_addresses(uintptr_t addr, uintptr_t end) {
  errc first_error = errc::success;
  for (size_t i = table.first_ending_after(addr); i < table.size() && table[i].addr < end; ++i) {
    const Mapping& m = table[i];
    if (m.kind != Kind::shared_file) continue;
    uintptr_t lo = m.addr > addr ? m.addr : addr, hi = m.end() < end ? m.end() : end;
    errc e = write_back(m.file, page_index(m, lo), page_index(m, lo) + (hi - lo) / kPage);
    if (e != errc::success && first_error == errc::success) first_error = e;
  }
  return first_error;
}

errc write_back_everything() {
  propagate();
  errc first_error = errc::success;
  for (size_t i = 0; i < files.size(); ++i) {
    if (!files[i].in_use) continue;
    errc e = write_back(uint32_t(i), 0, UINT64_MAX);
    if (e != errc::success && first_error == errc::success) first_error = e;
  }
  return first_error;
}

void flush_at_exit() { (void)write_back_everything(); }

// ---------------------------------------------------------------- mappings

errc read_file_into(uint32_t fd, uintptr_t addr, size_t bytes, uint64_t offset) {
  size_t done = 0;
  while (done < bytes) {
    sys::iovec v{at(addr + done), bytes - done};
    auto n = sys::fd_pread(fd, &v, 1, offset + done);
    if (!n) return n.error();
    if (*n == 0) break;  // end of file: the rest stays zero
    done += *n;
  }
  return errc::success;
}

// Reads through the descriptor a mapping kept, which must still be its file's.
errc reread(uint32_t file, uintptr_t addr, size_t bytes, uint64_t offset) {
  if (errc e = verify_fd(files[file]); e != errc::success) return e;
  return read_file_into(files[file].fd, addr, bytes, offset);
}

// Removes [addr, end) from the table and gives its pages back. Shared pages
// must already be written back.
errc unmap_range(uintptr_t addr, uintptr_t end) {
  if (!table.split_at(addr) || !table.split_at(end)) return errc::nomem;
  size_t i = table.first_ending_after(addr);
  while (i < table.size() && table[i].addr < end) {
    Mapping m = table[i];
    table.erase(i);
    if (m.kind == Kind::shared_file) detach(m, m.addr, m.end());
    if (m.kind == Kind::private_file) {
      files[m.file].private_pages -= m.bytes / kPage;
      drop_file_if_unused(m.file);
    }
    allocator.release(m.addr, m.bytes);
  }
  return errc::success;
}

// Unmapping writes back first, so a failed write-back leaves the mapping
// (and its dirty pages) in place and reports the error.
errc unmap_with_write_back(uintptr_t addr, uintptr_t end) {
  errc e = write_back_addresses(addr, end);
  if (e != errc::success) return e;
  return unmap_range(addr, end);
}

struct FileInfo {
  sys::filestat st;
  bool may_write;
};

errc check_file(int fd, int prot, bool shared, FileInfo* info) {
  if (fd < 0) return errc::badf;
  auto fds = sys::fd_fdstat_get(uint32_t(fd));
  if (!fds) return fds.error();
  if (fds->fs_filetype != sys::filetype::regular_file) {
    return fds->fs_filetype == sys::filetype::directory ? errc::nodev : errc::acces;
  }
  if (!(fds->fs_rights_base & sys::rights::fd_read)) return errc::acces;
  bool append = sys::has(fds->fs_flags, sys::fdflags::append);
  info->may_write = (fds->fs_rights_base & sys::rights::fd_write) && !append;
  if (shared && (prot & PROT_WRITE) && !info->may_write) return errc::acces;
  auto st = stat_fd(uint32_t(fd));
  if (!st) return st.error();
  info->st = *st;
  return errc::success;
}

errc check_prot(int prot) {
  if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)) return errc::inval;
  // Code cannot be run from linear memory.
  if (prot & PROT_EXEC) return errc::notsup;
  return errc::success;
}

void register_exit_flush() {
  if (exit_flush_registered) return;
  exit_flush_registered = atexit(flush_at_exit) == 0;
}

sys::result<uintptr_t> do_mmap(uintptr_t hint, size_t length, int prot, int flags, int fd,
                               int64_t offset) {
  constexpr int known = MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_NORESERVE |
                        MAP_POPULATE | MAP_NONBLOCK | MAP_FIXED_NOREPLACE | MAP_GROWSDOWN |
                        MAP_DENYWRITE | MAP_EXECUTABLE | MAP_LOCKED | MAP_STACK;
  int type = flags & MAP_TYPE;
  if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE) {
    return sys::failure(errc::inval);
  }
  if (type == MAP_SHARED_VALIDATE && (flags & ~(known | MAP_SHARED_VALIDATE))) {
    return sys::failure(errc::notsup);
  }
  bool shared = type != MAP_PRIVATE;
  bool anonymous = (flags & MAP_ANONYMOUS) != 0;
  bool fixed = (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0;
  if (length == 0 || uint64_t(offset) % kPage != 0) return sys::failure(errc::inval);
  // As Linux: the page offset is unsigned there, so a negative one overflows.
  if (offset < 0) return sys::failure(errc::overflow);
  if (fixed && hint % kPage != 0) return sys::failure(errc::inval);
  size_t bytes = round_up(length);
  if (bytes < length) return sys::failure(errc::nomem);
  // Linux's mmap ignores protection bits it does not know (mprotect does not).
  prot &= PROT_READ | PROT_WRITE | PROT_EXEC;
  if (errc e = check_prot(prot); e != errc::success) return sys::failure(e);

  FileInfo info{};
  if (!anonymous) {
    if (errc e = check_file(fd, prot, shared, &info); e != errc::success) return sys::failure(e);
  }
  if (fixed) {
    uintptr_t end = hint + bytes;
    if (end < hint || !allocator.owns(hint, bytes)) return sys::failure(errc::nomem);
    if (flags & MAP_FIXED_NOREPLACE) {
      if (table.overlaps(hint, end)) return sys::failure(errc::exist);
    } else if (errc e = unmap_with_write_back(hint, end); e != errc::success) {
      return sys::failure(e);
    }
  }
  // Looked up after the unmapping above, which may have retired the file.
  int file = anonymous ? -1 : find_file(info.st.dev, info.st.ino);
  uint64_t first_page = uint64_t(offset) / kPage, last_page = first_page + bytes / kPage;
  // The new mapping must see stores other shared mappings of the file hold.
  if (file >= 0) {
    if (errc e = write_back(uint32_t(file), first_page, last_page); e != errc::success) {
      return sys::failure(e);
    }
  }

  uintptr_t addr;
  if (fixed) {
    if (!allocator.claim(hint, bytes, clear_bytes, nullptr)) return sys::failure(errc::nomem);
    addr = hint;
  } else if (hint != 0 && hint % kPage == 0 && hint + bytes > hint &&
             allocator.claim(hint, bytes, clear_bytes, nullptr)) {
    // A hint naming free pages of the region is honoured, as Linux does
    // (LMDB's MDB_FIXEDMAP asks for the address it had before).
    addr = hint;
  } else {
    addr = allocator.allocate(bytes, clear_bytes, nullptr);
    if (addr == 0) return sys::failure(errc::nomem);
  }

  Mapping m{addr, bytes, uint64_t(offset), 0, uint8_t(prot), Kind::anonymous, false};
  if (anonymous) {
    m.offset = 0;
    if (shared) {
      m.kind = Kind::shared_anonymous;
      m.file = next_shared_object++;
    }
  }
  if (!anonymous) {
    if (errc e = read_file_into(uint32_t(fd), addr, bytes, uint64_t(offset)); e != errc::success) {
      allocator.release(addr, bytes);
      return sys::failure(e);
    }
    m.kind = shared ? Kind::shared_file : Kind::private_file;
    if (file < 0) file = add_file(info.st.dev, info.st.ino, info.st.size, uint32_t(fd), info.may_write);
    if (file < 0) {
      allocator.release(addr, bytes);
      return sys::failure(errc::nomem);
    }
    if (File& f = files[file]; info.may_write && !f.fd_writable) {
      // Stores must be written through a descriptor that allows writing.
      if (f.owned_fd) (void)sys::fd_close(f.fd);
      f.fd = uint32_t(fd);
      f.owned_fd = false;
      f.fd_writable = true;
    }
    m.file = uint32_t(file);
    m.may_write = info.may_write;
    register_exit_flush();
    if (!shared) {
      files[m.file].private_pages += bytes / kPage;
    } else {
      if (errc e = attach(m, addr, addr + bytes); e != errc::success) {
        drop_file_if_unused(m.file);
        allocator.release(addr, bytes);
        return sys::failure(e);
      }
    }
  }
  if (!table.insert(m)) {
    if (m.kind == Kind::shared_file) detach(m, addr, addr + bytes);
    if (m.kind == Kind::private_file) {
      files[m.file].private_pages -= bytes / kPage;
      drop_file_if_unused(m.file);
    }
    allocator.release(addr, bytes);
    return sys::failure(errc::nomem);
  }
  return addr;
}

errc do_munmap(uintptr_t addr, size_t length) {
  if (addr % kPage != 0 || length == 0) return errc::inval;
  size_t bytes = round_up(length);
  if (bytes < length || addr + bytes < addr) return errc::inval;
  return unmap_with_write_back(addr, addr + bytes);
}

errc do_msync(uintptr_t addr, size_t length, int flags) {
  if (addr % kPage != 0) return errc::inval;
  if (flags & ~(MS_ASYNC | MS_SYNC | MS_INVALIDATE)) return errc::inval;
  if ((flags & MS_ASYNC) && (flags & MS_SYNC)) return errc::inval;
  size_t bytes = round_up(length);
  if (bytes < length || addr + bytes < addr) return errc::nomem;
  uintptr_t end = addr + bytes;
  bool hole = !table.covers(addr, end);
  // Like Linux: the mapped parts are synced even when there is a hole.
  if (errc e = write_back_addresses(addr, end); e != errc::success) return e;
  if (flags & MS_SYNC) {
    for (size_t i = table.first_ending_after(addr); i < table.size() && table[i].addr < end; ++i) {
      if (table[i].kind != Kind::shared_file) continue;
      const File& f = files[table[i].file];
      if (!f.fd_writable) continue;
      auto r = sys::fd_datasync(f.fd);
      if (!r && r.error() != errc::nosys && r.error() != errc::notsup &&
          r.error() != errc::inval && r.error() != errc::notcapable) {
        return r.error();
      }
    }
  }
  return hole ? errc::nomem : errc::success;
}

errc do_mprotect(uintptr_t addr, size_t length, int prot) {
  if (addr % kPage != 0) return errc::inval;
  if (errc e = check_prot(prot); e != errc::success) return e;
  size_t bytes = round_up(length);
  if (bytes < length || addr + bytes < addr) return errc::nomem;
  if (bytes == 0) return errc::success;
  uintptr_t end = addr + bytes;
  if (!table.covers(addr, end)) return errc::nomem;
  if (prot & PROT_WRITE) {
    for (size_t i = table.first_ending_after(addr); i < table.size() && table[i].addr < end; ++i) {
      const Mapping& m = table[i];
      if (m.kind == Kind::shared_file && !m.may_write) return errc::acces;
    }
  }
  if (!table.split_at(addr) || !table.split_at(end)) return errc::nomem;
  size_t first = table.first_ending_after(addr), last = first;
  for (size_t i = first; i < table.size() && table[i].addr < end; ++i) {
    Mapping& m = table[i];
    if (m.kind == Kind::shared_file && (prot & PROT_WRITE)) {
      if (errc e = ensure_snapshots(m, m.addr, m.end()); e != errc::success) return e;
    }
    m.prot = uint8_t(prot);
    last = i;
  }
  table.merge_range(first, last);
  return errc::success;
}

errc do_madvise(uintptr_t addr, size_t length, int advice) {
  if (addr % kPage != 0) return errc::inval;
  switch (advice) {
    case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
    case MADV_DONTNEED: case MADV_FREE: case MADV_DONTFORK: case MADV_DOFORK:
    case MADV_MERGEABLE: case MADV_UNMERGEABLE: case MADV_HUGEPAGE: case MADV_NOHUGEPAGE:
    case MADV_DONTDUMP: case MADV_DODUMP: case MADV_COLD: case MADV_PAGEOUT:
      break;
    default:
      return errc::inval;
  }
  size_t bytes = round_up(length);
  if (bytes < length || addr + bytes < addr) return errc::inval;
  if (bytes == 0) return errc::success;
  uintptr_t end = addr + bytes;
  bool hole = !table.covers(addr, end);
  if (advice == MADV_DONTNEED) {
    // Private pages lose their changes: anonymous ones read zero again, file
    // ones the file's current bytes. Shared pages keep everything.
    for (size_t i = table.first_ending_after(addr); i < table.size() && table[i].addr < end; ++i) {
      const Mapping& m = table[i];
      uintptr_t lo = m.addr > addr ? m.addr : addr, hi = m.end() < end ? m.end() : end;
      if (m.kind == Kind::anonymous) {
        memset(at(lo), 0, hi - lo);
      } else if (m.kind == Kind::private_file) {
        uint64_t offset = m.offset + (lo - m.addr);
        errc e = write_back(m.file, offset / kPage, (offset + (hi - lo)) / kPage);
        if (e != errc::success) return e;
        memset(at(lo), 0, hi - lo);
        e = reread(m.file, lo, hi - lo, offset);
        if (e != errc::success) return e;
      }
    }
  }
  return hole ? errc::nomem : errc::success;
}

sys::result<uintptr_t> do_mremap(uintptr_t old_addr, size_t old_length, size_t new_length,
                                 int flags, uintptr_t new_hint) {
  if (old_addr % kPage != 0) return sys::failure(errc::inval);
  if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED)) return sys::failure(errc::inval);
  if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)) return sys::failure(errc::inval);
  if (new_length == 0 || old_length == 0) return sys::failure(errc::inval);
  size_t old_bytes = round_up(old_length), new_bytes = round_up(new_length);
  if (old_bytes < old_length || new_bytes < new_length) return sys::failure(errc::inval);
  uintptr_t old_end = old_addr + old_bytes;
  const Mapping* found = table.find(old_addr);
  if (!found || found->end() < old_end) return sys::failure(errc::fault);
  Mapping m = *found;

  if (flags & MREMAP_FIXED) {
    if (new_hint % kPage != 0) return sys::failure(errc::inval);
    uintptr_t new_end = new_hint + new_bytes;
    if (new_hint < old_end && old_addr < new_end) return sys::failure(errc::inval);
    if (!allocator.owns(new_hint, new_bytes)) return sys::failure(errc::nomem);
  } else {
    if (new_bytes == old_bytes) return old_addr;
    if (new_bytes < old_bytes) {
      if (errc e = unmap_with_write_back(old_addr + new_bytes, old_end); e != errc::success) {
        return sys::failure(e);
      }
      return old_addr;
    }
  }

  // The mapping's view starting at old_addr.
  Mapping piece = m;
  piece.addr = old_addr;
  piece.offset = m.offset + (old_addr - m.addr);

  // Grow in place when the pages after the range are free.
  if (!(flags & MREMAP_FIXED) && m.end() == old_end) {
    size_t extra = new_bytes - old_bytes;
    if (allocator.claim(old_end, extra, clear_bytes, nullptr)) {
      Mapping tail = piece;
      tail.addr = old_end;
      tail.bytes = extra;
      tail.offset = piece.offset + old_bytes;
      if (is_file(tail.kind)) {
        errc e = write_back(tail.file, tail.offset / kPage, (tail.offset + extra) / kPage);
        if (e == errc::success) e = reread(tail.file, old_end, extra, tail.offset);
        if (e == errc::success && tail.kind == Kind::shared_file) {
          e = attach(tail, old_end, old_end + extra);
        }
        if (e != errc::success) {
          allocator.release(old_end, extra);
          return sys::failure(e);
        }
      }
      if (!table.insert(tail)) {
        if (tail.kind == Kind::shared_file) detach(tail, old_end, old_end + extra);
        allocator.release(old_end, extra);
        return sys::failure(errc::nomem);
      }
      if (tail.kind == Kind::private_file) files[tail.file].private_pages += extra / kPage;
      return old_addr;
    }
  }
  if (!(flags & MREMAP_MAYMOVE)) return sys::failure(errc::nomem);

  // Move: new pages, the old bytes copied over, the rest from the file.
  if (piece.kind == Kind::shared_file) {
    // The new copy starts from the snapshots (attach), so fold the old
    // copy's stores into them first.
    merge_pages(piece.file, piece.offset / kPage, (piece.offset + old_bytes) / kPage, false);
  }
  if (new_bytes < old_bytes) {
    // Stores to the part left behind must reach the file before it goes.
    if (errc e = write_back_addresses(old_addr + new_bytes, old_end); e != errc::success) {
      return sys::failure(e);
    }
  }
  uintptr_t new_addr;
  if (flags & MREMAP_FIXED) {
    if (errc e = unmap_with_write_back(new_hint, new_hint + new_bytes); e != errc::success) {
      return sys::failure(e);
    }
    if (!allocator.claim(new_hint, new_bytes, clear_bytes, nullptr)) {
      return sys::failure(errc::nomem);
    }
    new_addr = new_hint;
  } else {
    new_addr = allocator.allocate(new_bytes, clear_bytes, nullptr);
    if (new_addr == 0) return sys::failure(errc::nomem);
  }
  size_t kept = old_bytes < new_bytes ? old_bytes : new_bytes;
  if (is_file(piece.kind) && new_bytes > old_bytes) {
    uint64_t first = (piece.offset + old_bytes) / kPage, last = (piece.offset + new_bytes) / kPage;
    errc e = write_back(piece.file, first, last);
    if (e == errc::success) {
      e = reread(piece.file, new_addr + old_bytes, new_bytes - old_bytes, piece.offset + old_bytes);
    }
    if (e != errc::success) {
      allocator.release(new_addr, new_bytes);
      return sys::failure(e);
    }
  }
  memcpy(at(new_addr), at(old_addr), kept);
  Mapping moved = piece;
  moved.addr = new_addr;
  moved.bytes = new_bytes;
  if (moved.kind == Kind::shared_file) {
    if (errc e = attach(moved, new_addr, new_addr + new_bytes); e != errc::success) {
      allocator.release(new_addr, new_bytes);
      return sys::failure(e);
    }
  }
  if (!table.insert(moved)) {
    if (moved.kind == Kind::shared_file) detach(moved, new_addr, new_addr + new_bytes);
    allocator.release(new_addr, new_bytes);
    return sys::failure(errc::nomem);
  }
  if (moved.kind == Kind::private_file) files[moved.file].private_pages += new_bytes / kPage;
  // The old range's stores now live in the new copy; nothing to write back.
  if (errc e = unmap_range(old_addr, old_end); e != errc::success) return sys::failure(e);
  return new_addr;
}

int fail(errc e) {
  errno = static_cast<int>(e);
  return -1;
}

void* fail_ptr(errc e) {
  errno = static_cast<int>(e);
  return MAP_FAILED;
}

}  // namespace
}  // namespace wasishim::mman

using namespace wasishim::mman;

extern "C" {

// Every entry point and every hook first makes stores through one shared
// mapping visible in the others (docs/mmap.md, "When a store is visible").

void* mmap(void* addr, size_t length, int prot, int flags, int fd, off_t offset) {
  propagate();
  auto r = do_mmap(reinterpret_cast<uintptr_t>(addr), length, prot, flags, fd, offset);
  if (!r) return fail_ptr(r.error());
  return reinterpret_cast<void*>(*r);
}

int munmap(void* addr, size_t length) {
  propagate();
  errc e = do_munmap(reinterpret_cast<uintptr_t>(addr), length);
  return e == errc::success ? 0 : fail(e);
}

int msync(void* addr, size_t length, int flags) {
  propagate();
  errc e = do_msync(reinterpret_cast<uintptr_t>(addr), length, flags);
  return e == errc::success ? 0 : fail(e);
}

int mprotect(void* addr, size_t length, int prot) {
  propagate();
  errc e = do_mprotect(reinterpret_cast<uintptr_t>(addr), length, prot);
  return e == errc::success ? 0 : fail(e);
}

int madvise(void* addr, size_t length, int advice) {
  propagate();
  errc e = do_madvise(reinterpret_cast<uintptr_t>(addr), length, advice);
  return e == errc::success ? 0 : fail(e);
}

int posix_madvise(void* addr, size_t length, int advice) {
  propagate();
  if (advice < POSIX_MADV_NORMAL || advice > POSIX_MADV_DONTNEED) return EINVAL;
  // POSIX_MADV_DONTNEED is only advice: unlike MADV_DONTNEED it keeps the
  // data, and glibc accepts it without looking at the range.
  if (advice == POSIX_MADV_DONTNEED) return 0;
  errc e = do_madvise(reinterpret_cast<uintptr_t>(addr), length, advice);
  return static_cast<int>(e);
}

void* mremap(void* old_addr, size_t old_length, size_t new_length, int flags, ...) {
  propagate();
  uintptr_t hint = 0;
  if (flags & MREMAP_FIXED) {
    va_list ap;
    va_start(ap, flags);
    hint = reinterpret_cast<uintptr_t>(va_arg(ap, void*));
    va_end(ap);
  }
  auto r = do_mremap(reinterpret_cast<uintptr_t>(old_addr), old_length, new_length, flags, hint);
  if (!r) return fail_ptr(r.error());
  return reinterpret_cast<void*>(*r);
}

int __wasishim_mman_before_read(int fd, int64_t offset, size_t len) {
  propagate();
  int file = file_of_fd(fd);
  if (file < 0 || len == 0 || offset < 0) return 0;
  uint64_t first = uint64_t(offset) / kPage;
  uint64_t last = (uint64_t(offset) + len + kPage - 1) / kPage;
  return static_cast<int>(write_back(uint32_t(file), first, last));
}

void __wasishim_mman_after_write(int fd, int64_t offset, const void* data, size_t len) {
  propagate();
  int file = file_of_fd(fd);
  if (file < 0 || len == 0 || offset < 0) return;
  File& f = files[file];
  uint64_t start = uint64_t(offset), stop = start + len;
  if (stop > f.size) f.size = stop;
  if (!collect_entries(uint32_t(file), start / kPage, (stop + kPage - 1) / kPage)) return;
  const uint8_t* bytes = static_cast<const uint8_t*>(data);
  for (size_t k = page_lower_bound(f.pages, start / kPage); k < f.pages.size(); ++k) {
    FilePage& fp = f.pages[k];
    uint64_t base = fp.index * kPage;
    if (base >= stop) break;
    uint64_t lo = base > start ? base : start, hi = base + kPage < stop ? base + kPage : stop;
    const uint8_t* src = bytes + (lo - start);
    // The snapshot takes the bytes as the file now has them, so they do not
    // count as stores; a copy's own stores elsewhere on the page still do.
    if (fp.snapshot) memcpy(fp.snapshot + (lo - base), src, hi - lo);
    for (size_t e = 0; e < entry_list.size(); ++e) {
      const Mapping& m = table[entry_list[e]];
      uint64_t mf = m.offset / kPage;
      if (fp.index < mf || fp.index >= mf + m.bytes / kPage) continue;
      memcpy(at(m.addr + (fp.index - mf) * kPage + (lo - base)), src, hi - lo);
    }
  }
}

int __wasishim_mman_before_truncate(int fd, int64_t new_size) {
  propagate();
  (void)new_size;
  int file = file_of_fd(fd);
  if (file < 0) return 0;
  return static_cast<int>(write_back(uint32_t(file), 0, UINT64_MAX));
}

void __wasishim_mman_after_resize(int fd, int64_t new_size) {
  propagate();
  int file = file_of_fd(fd);
  if (file < 0 || new_size < 0) return;
  File& f = files[file];
  uint64_t old_size = f.size, now = uint64_t(new_size);
  f.size = now;
  if (old_size == now) return;
  // Bytes between the old and the new end read zero, as the file has them:
  // cut off when it shrank, a hole when it grew.
  uint64_t lo = old_size < now ? old_size : now, hi = old_size < now ? now : old_size;
  if (old_size > now) hi = (hi + kPage - 1) / kPage * kPage;
  if (!collect_entries(uint32_t(file), lo / kPage, (hi + kPage - 1) / kPage)) return;
  for (size_t k = page_lower_bound(f.pages, lo / kPage); k < f.pages.size(); ++k) {
    FilePage& fp = f.pages[k];
    uint64_t base = fp.index * kPage;
    if (base >= hi) break;
    uint64_t a = base > lo ? base : lo, b = base + kPage < hi ? base + kPage : hi;
    if (fp.snapshot) memset(fp.snapshot + (a - base), 0, b - a);
    for (size_t e = 0; e < entry_list.size(); ++e) {
      const Mapping& m = table[entry_list[e]];
      uint64_t mf = m.offset / kPage;
      if (fp.index < mf || fp.index >= mf + m.bytes / kPage) continue;
      memset(at(m.addr + (fp.index - mf) * kPage + (a - base)), 0, b - a);
    }
  }
}

int __wasishim_mman_adopt_on_close(int fd) {
  propagate();
  if (fd < 0) return 0;
  for (size_t i = 0; i < files.size(); ++i) {
    File& f = files[i];
    if (f.in_use && !f.owned_fd && f.fd == uint32_t(fd)) {
      f.owned_fd = true;
      return 1;
    }
  }
  return 0;
}

int __wasishim_mman_flush_all(void) { return static_cast<int>(write_back_everything()); }

}  // extern "C"
