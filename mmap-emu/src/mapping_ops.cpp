#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "mapping_ops.h"

#include <string.h>
#include <sys/mman.h>

#include "alias.h"
#include "coherence.h"
#include "file_io.h"
#include "registry.h"

namespace wasishim::mman {
namespace {

uint32_t next_shared_object = 0;

// Reads the file from `offset` into [addr, addr+bytes) and returns how many
// bytes it had there; the rest stays as it is (zero in fresh pages).
result<size_t> read_file_into(uint32_t fd, uintptr_t addr, size_t bytes, uint64_t offset) {
  size_t done = 0;
  while (done < bytes) {
    auto n = io::pread(fd, at(addr + done), bytes - done, offset + done);
    if (!n) return failure(n.error());
    if (*n == 0) break;  // end of file
    done += *n;
  }
  return done;
}

struct FileInfo {
  sys::filestat st;
  bool may_write;
};

result<FileInfo> check_file(int fd, int prot, bool shared) {
  if (fd < 0) return failure(errc::badf);
  auto fds = io::fdstat(uint32_t(fd));
  if (!fds) return failure(fds.error());
  if (fds->fs_filetype != sys::filetype::regular_file) {
    return failure(fds->fs_filetype == sys::filetype::directory ? errc::nodev : errc::acces);
  }
  if (!(fds->fs_rights_base & sys::rights::fd_read)) return failure(errc::acces);
  FileInfo info{};
  // As Linux: O_APPEND does not forbid a writable shared mapping (write-back
  // turns append mode off around its own writes, coherence.h).
  info.may_write = (fds->fs_rights_base & sys::rights::fd_write) != 0;
  if (shared && (prot & PROT_WRITE) && !info.may_write) return failure(errc::acces);
  auto st = io::filestat(uint32_t(fd));
  if (!st) return failure(st.error());
  info.st = *st;
  return info;
}

status check_prot(int prot) {
  if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)) return failure(errc::inval);
  // Code cannot be run from linear memory.
  if (prot & PROT_EXEC) return failure(errc::notsup);
  return {};
}

// Pages for a new mapping: the fixed address, a hint naming free pages of the
// region (honoured, as Linux does: LMDB's MDB_FIXEDMAP asks for the address it
// had before), or anywhere.
result<uintptr_t> take_pages(uintptr_t hint, size_t bytes, bool fixed) {
  if (fixed) {
    if (!region().claim(hint, bytes, clear_pages, nullptr)) return failure(errc::nomem);
    return hint;
  }
  if (hint != 0 && hint % kPage == 0 && hint + bytes > hint &&
      region().claim(hint, bytes, clear_pages, nullptr)) {
    return hint;
  }
  uintptr_t addr = region().allocate(bytes, clear_pages, nullptr);
  if (addr == 0) return failure(errc::nomem);
  return addr;
}

// Stores must be written through a descriptor that allows writing, and a
// file whose descriptor was renumbered away takes the new one.
void prefer_descriptor(File& f, int fd, bool may_write) {
  if (f.fd != kNoFd && (!may_write || f.fd_writable)) return;
  if (f.owned_fd) (void)io::close(f.fd);
  f.fd = uint32_t(fd);
  f.owned_fd = false;
  f.fd_writable = may_write;
}

// Registers the new file mapping m (its pages already filled) with its file.
status register_file_mapping(Mapping& m, const FileInfo& info, int fd, bool shared) {
  uint32_t file = find_file(info.st.dev, info.st.ino);
  if (file == kNoFile) {
    auto added = add_file(info.st.dev, info.st.ino, info.st.size, uint32_t(fd), info.may_write);
    if (!added) return failure(added.error());
    file = *added;
  }
  prefer_descriptor(files[file], fd, info.may_write);
  m.file = file;
  m.may_write = info.may_write;
  if (!shared) {
    files[file].private_pages += m.bytes / kPage;
    return {};
  }
  if (auto r = attach(m, m.addr, m.end()); !r) {
    drop_file_if_unused(file);
    return r;
  }
  return {};
}

void unregister_mapping(const Mapping& m) {
  if (m.kind == Kind::shared_file) detach(m, m.addr, m.end());
  if (m.kind == Kind::private_file) {
    files[m.file].private_pages -= m.bytes / kPage;
    drop_file_if_unused(m.file);
  }
}

// Removes [addr, end) from the table and gives its pages back.
status drop_pages(uintptr_t addr, uintptr_t end) {
  if (!table.split_at(addr) || !table.split_at(end)) return failure(errc::nomem);
  size_t i = table.first_ending_after(addr);
  while (i < table.size() && table[i].addr < end) {
    Mapping m = table[i];
    table.erase(i);
    unregister_mapping(m);
    region().release(m.addr, m.bytes);
  }
  return {};
}

// A new shared mapping nested in one that exists: an alias of it (alias.h).
result<uintptr_t> map_alias(uint32_t file, const FileInfo& info, int fd, uint64_t offset,
                            size_t bytes, int prot) {
  uintptr_t addr = alias_target(file, offset, bytes, prot);
  if (addr == 0) return uintptr_t{0};
  if (auto r = add_alias(addr, bytes); !r) return failure(r.error());
  prefer_descriptor(files[file], fd, info.may_write);
  return addr;
}

}  // namespace

status fill_from_file(uint32_t file, uintptr_t addr, size_t bytes, uint64_t offset) {
  if (auto r = write_back(file, offset / kPage, (offset + bytes) / kPage); !r) return r;
  if (auto r = verify_fd(files[file]); !r) return r;
  memset(at(addr), 0, bytes);
  auto read = read_file_into(files[file].fd, addr, bytes, offset);
  if (!read) return failure(read.error());
  show_stores_past_end(file, addr, bytes, offset, offset + *read);
  return {};
}

status unmap_range(uintptr_t addr, uintptr_t end) {
  ReleasePlan plan;
  if (auto r = plan.make(addr, end); !r) return r;
  plan.commit();
  for (size_t i = 0; i < plan.unmap().size(); ++i) {
    if (auto r = drop_pages(plan.unmap()[i].addr, plan.unmap()[i].end); !r) return r;
  }
  return {};
}

status unmap_with_write_back(uintptr_t addr, uintptr_t end) {
  ReleasePlan plan;
  if (auto r = plan.make(addr, end); !r) return r;
  // Pages an alias keeps are not unmapped, so they need no write-back yet.
  for (size_t i = 0; i < plan.unmap().size(); ++i) {
    if (auto r = write_back_addresses(plan.unmap()[i].addr, plan.unmap()[i].end); !r) return r;
  }
  plan.commit();
  for (size_t i = 0; i < plan.unmap().size(); ++i) {
    if (auto r = drop_pages(plan.unmap()[i].addr, plan.unmap()[i].end); !r) return r;
  }
  return {};
}

result<uintptr_t> map(uintptr_t hint, size_t length, int prot, int flags, int fd, int64_t offset) {
  constexpr int known = MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_NORESERVE |
                        MAP_POPULATE | MAP_NONBLOCK | MAP_FIXED_NOREPLACE | MAP_GROWSDOWN |
                        MAP_DENYWRITE | MAP_EXECUTABLE | MAP_LOCKED | MAP_STACK;
  int type = flags & MAP_TYPE;
  if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE) {
    return failure(errc::inval);
  }
  if (type == MAP_SHARED_VALIDATE && (flags & ~(known | MAP_SHARED_VALIDATE))) {
    return failure(errc::notsup);
  }
  bool shared = type != MAP_PRIVATE;
  bool anonymous = (flags & MAP_ANONYMOUS) != 0;
  bool fixed = (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0;
  if (length == 0 || uint64_t(offset) % kPage != 0) return failure(errc::inval);
  // As Linux: the page offset is unsigned there, so a negative one overflows.
  if (offset < 0) return failure(errc::overflow);
  if (fixed && hint % kPage != 0) return failure(errc::inval);
  size_t bytes = round_up(length);
  if (bytes < length) return failure(errc::nomem);
  // Linux's mmap ignores protection bits it does not know (mprotect does not).
  prot &= PROT_READ | PROT_WRITE | PROT_EXEC;
  if (auto r = check_prot(prot); !r) return failure(r.error());

  if (auto r = reserve_for_mappings(table.size() + 3); !r) return failure(r.error());
  FileInfo info{};
  if (!anonymous) {
    auto checked = check_file(fd, prot, shared);
    if (!checked) return failure(checked.error());
    info = *checked;
  }
  if (shared && !anonymous && !fixed) {
    if (uint32_t file = find_file(info.st.dev, info.st.ino); file != kNoFile) {
      auto alias = map_alias(file, info, fd, uint64_t(offset), bytes, prot);
      if (!alias || *alias != 0) return alias;
    }
  }
  if (fixed) {
    uintptr_t end = hint + bytes;
    if (end < hint || !region().owns(hint, bytes)) return failure(errc::nomem);
    // Memory an alias shares with another mapping cannot be replaced.
    if (alias_overlaps(hint, end)) return failure(errc::nomem);
    if (flags & MAP_FIXED_NOREPLACE) {
      if (table.overlaps(hint, end)) return failure(errc::exist);
    } else if (auto r = unmap_with_write_back(hint, end); !r) {
      return failure(r.error());
    }
  }
  // Looked up after the unmapping above, which may have retired the file.
  // The new mapping must see stores other shared mappings of the file hold.
  uint32_t mapped_file = anonymous ? kNoFile : find_file(info.st.dev, info.st.ino);
  if (mapped_file != kNoFile) {
    uint64_t first = uint64_t(offset) / kPage;
    if (auto r = write_back(mapped_file, first, first + bytes / kPage); !r) return failure(r.error());
  }

  auto taken = take_pages(hint, bytes, fixed);
  if (!taken) return taken;
  uintptr_t addr = *taken;
  Mapping m{addr, bytes, uint64_t(offset), 0, uint8_t(prot), Kind::anonymous, false};
  if (anonymous) {
    m.offset = 0;
    if (shared) {
      m.kind = Kind::shared_anonymous;
      m.file = next_shared_object++;
    }
  } else {
    auto read = read_file_into(uint32_t(fd), addr, bytes, uint64_t(offset));
    if (read && mapped_file != kNoFile) {
      show_stores_past_end(mapped_file, addr, bytes, uint64_t(offset), uint64_t(offset) + *read);
    }
    m.kind = shared ? Kind::shared_file : Kind::private_file;
    status r = read ? register_file_mapping(m, info, fd, shared) : status{failure(read.error())};
    if (!r) {
      region().release(addr, bytes);
      return failure(r.error());
    }
  }
  if (!table.insert(m)) {
    unregister_mapping(m);
    region().release(addr, bytes);
    return failure(errc::nomem);
  }
  return addr;
}

status unmap(uintptr_t addr, size_t length) {
  if (addr % kPage != 0 || length == 0) return failure(errc::inval);
  size_t bytes = round_up(length);
  if (bytes < length || addr + bytes < addr) return failure(errc::inval);
  if (auto r = reserve_for_mappings(table.size() + 3); !r) return r;
  return unmap_with_write_back(addr, addr + bytes);
}

status sync(uintptr_t addr, size_t length, int flags) {
  if (addr % kPage != 0) return failure(errc::inval);
  if (flags & ~(MS_ASYNC | MS_SYNC | MS_INVALIDATE)) return failure(errc::inval);
  if ((flags & MS_ASYNC) && (flags & MS_SYNC)) return failure(errc::inval);
  size_t bytes = round_up(length);
  if (bytes < length || addr + bytes < addr) return failure(errc::nomem);
  uintptr_t end = addr + bytes;
  bool hole = !table.covers(addr, end);
  // Like Linux: the mapped parts are synced even when there is a hole.
  if (auto r = write_back_addresses(addr, end); !r) return r;
  if (flags & MS_SYNC) {
    for (size_t i = table.first_ending_after(addr); i < table.size() && table[i].addr < end; ++i) {
      if (table[i].kind != Kind::shared_file) continue;
      const File& f = files[table[i].file];
      if (!f.fd_writable) continue;
      auto r = io::datasync(f.fd);
      if (!r && r.error() != errc::nosys && r.error() != errc::notsup &&
          r.error() != errc::inval && r.error() != errc::notcapable) {
        return r;
      }
    }
  }
  if (hole) return failure(errc::nomem);
  return {};
}

status protect(uintptr_t addr, size_t length, int prot) {
  if (addr % kPage != 0) return failure(errc::inval);
  if (auto r = check_prot(prot); !r) return r;
  size_t bytes = round_up(length);
  if (bytes < length || addr + bytes < addr) return failure(errc::nomem);
  if (bytes == 0) return {};
  uintptr_t end = addr + bytes;
  if (!table.covers(addr, end)) return failure(errc::nomem);
  if (auto r = reserve_for_mappings(table.size() + 3); !r) return r;
  if (prot & PROT_WRITE) {
    for (size_t i = table.first_ending_after(addr); i < table.size() && table[i].addr < end; ++i) {
      const Mapping& m = table[i];
      if (m.kind == Kind::shared_file && !m.may_write) return failure(errc::acces);
    }
  }
  if (!table.split_at(addr) || !table.split_at(end)) return failure(errc::nomem);
  size_t first = table.first_ending_after(addr), last = first;
  for (size_t i = first; i < table.size() && table[i].addr < end; ++i) {
    Mapping& m = table[i];
    if (m.kind == Kind::shared_file && (prot & PROT_WRITE)) {
      if (auto r = ensure_snapshots(m, m.addr, m.end()); !r) return r;
    }
    m.prot = uint8_t(prot);
    last = i;
  }
  table.merge_range(first, last);
  return {};
}

status advise(uintptr_t addr, size_t length, int advice) {
  if (addr % kPage != 0) return failure(errc::inval);
  switch (advice) {
    case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
    case MADV_DONTNEED: case MADV_FREE: case MADV_DONTFORK: case MADV_DOFORK:
    case MADV_MERGEABLE: case MADV_UNMERGEABLE: case MADV_HUGEPAGE: case MADV_NOHUGEPAGE:
    case MADV_DONTDUMP: case MADV_DODUMP: case MADV_COLD: case MADV_PAGEOUT:
      break;
    default:
      return failure(errc::inval);
  }
  size_t bytes = round_up(length);
  if (bytes < length || addr + bytes < addr) return failure(errc::inval);
  if (bytes == 0) return {};
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
        if (auto r = fill_from_file(m.file, lo, hi - lo, offset); !r) return r;
      }
    }
  }
  if (hole) return failure(errc::nomem);
  return {};
}

}  // namespace wasishim::mman
