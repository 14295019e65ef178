#include "mman_fuzz_body.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <vector>

#include "coherence.h"
#include "fake_wasi.h"
#include "file_io.h"
#include "hooks.h"
#include "mapping_ops.h"
#include "registry.h"

namespace wasishim::mman {
namespace {

constexpr size_t P = kPage;
constexpr int kFiles = 2;

#define CHECK(cond)                \
  do {                             \
    if (!(cond)) __builtin_trap(); \
  } while (0)

struct Reader {
  const uint8_t* p;
  size_t n;
  uint8_t next() {
    if (n == 0) return 0;
    --n;
    return *p++;
  }
};

enum class PageKind { anon, priv, shared };

// What one mapped page must show.
struct ModelPage {
  PageKind kind;
  int prot;
  int file;            // priv/shared
  uint64_t file_page;  // shared: the file page it shows
  std::vector<uint8_t> bytes;  // anon/priv: its own content
  int names = 1;       // mappings naming the page: aliases share it (alias.h)
};

struct Model {
  std::map<uintptr_t, ModelPage> pages;
  std::vector<uint8_t> files[kFiles];  // every file's bytes as the program sees them
  int file_ids[kFiles];
  int fds[kFiles];
  uintptr_t window = 0;  // where addresses are drawn from

  std::vector<uint8_t> file_page_bytes(int f, uint64_t page) const {
    std::vector<uint8_t> b(P, 0);
    const auto& src = files[f];
    for (size_t i = 0; i < P && page * P + i < src.size(); ++i) b[i] = src[page * P + i];
    return b;
  }

  std::vector<uint8_t> expected(const ModelPage& m) const {
    return m.kind == PageKind::shared ? file_page_bytes(m.file, m.file_page) : m.bytes;
  }
};

// The shim's part of a pwrite (fd_io.cpp): the write, then the hooks.
void shim_pwrite(Model& model, int f, uint64_t offset, const std::vector<uint8_t>& data) {
  int fd = model.fds[f];
  int64_t old_size = int64_t(fake::bytes_of(model.file_ids[f]).size());
  auto n = io::pwrite(uint32_t(fd), data.data(), data.size(), offset);
  CHECK(n && *n == data.size());
  after_write(fd, int64_t(offset), data.data(), data.size());
  if (int64_t(offset + data.size()) > old_size) after_resize(fd, int64_t(offset + data.size()));
  auto& b = model.files[f];
  if (b.size() < offset + data.size()) b.resize(offset + data.size(), 0);
  std::copy(data.begin(), data.end(), b.begin() + long(offset));
}

// The shim's part of an ftruncate.
void shim_ftruncate(Model& model, int f, uint64_t size) {
  int fd = model.fds[f];
  CHECK(before_truncate(fd, int64_t(size)));
  fake::bytes_of(model.file_ids[f]).resize(size, 0);
  after_resize(fd, int64_t(size));
  model.files[f].resize(size, 0);
}

void check_everything(Model& model) {
  CHECK(propagate());
  for (const auto& [addr, page] : model.pages) {
    auto want = model.expected(page);
    CHECK(std::memcmp(reinterpret_cast<const void*>(addr), want.data(), P) == 0);
  }
  // The table covers exactly the model's pages, none of them free.
  size_t mapped = 0;
  for (size_t i = 0; i < table.size(); ++i) {
    if (i > 0) CHECK(table[i - 1].end() <= table[i].addr);
    CHECK(!region().is_free(table[i].addr, table[i].bytes));
    for (uintptr_t a = table[i].addr; a < table[i].end(); a += P) CHECK(model.pages.count(a));
    mapped += table[i].bytes;
  }
  CHECK(mapped == model.pages.size() * P);
  CHECK(region().free_bytes() + mapped == region().region_bytes());
}

// One name fewer for each page of [addr, addr + pages): unmapped at the last.
void drop_names(Model& model, uintptr_t addr, size_t pages) {
  for (size_t i = 0; i < pages; ++i) {
    auto it = model.pages.find(addr + i * P);
    if (it == model.pages.end()) continue;
    if (--it->second.names == 0) model.pages.erase(it);
  }
}

void add_pages(Model& model, uintptr_t addr, size_t pages, PageKind kind, int prot, int f,
               uint64_t first_file_page) {
  for (size_t i = 0; i < pages; ++i) {
    if (auto it = model.pages.find(addr + i * P); it != model.pages.end()) {
      // An alias: a shared mapping nested in one that shows the same pages.
      CHECK(kind == PageKind::shared && it->second.kind == PageKind::shared);
      CHECK(it->second.file == f && it->second.file_page == first_file_page + i);
      CHECK(it->second.prot == prot);
      ++it->second.names;
      continue;
    }
    ModelPage m{kind, prot, f, first_file_page + i, {}};
    if (kind == PageKind::anon) m.bytes.assign(P, 0);
    if (kind == PageKind::priv) m.bytes = model.file_page_bytes(f, first_file_page + i);
    model.pages[addr + i * P] = std::move(m);
  }
}

}  // namespace

void run_fuzz_input(const uint8_t* data, size_t size) {
  fake::reset();
  Model model;
  for (int f = 0; f < kFiles; ++f) {
    model.files[f].assign(size_t(f + 1) * P + 300, uint8_t(0x40 + f));
    model.file_ids[f] = fake::new_file(model.files[f]);
    model.fds[f] = fake::open(model.file_ids[f], true, true);
  }
  Reader in{data, size};
  while (in.n > 0) {
    uint8_t op = in.next() % 10;
    size_t pages = 1 + in.next() % 6;
    int prot = (in.next() % 2) ? PROT_READ | PROT_WRITE : PROT_READ;
    int f = in.next() % kFiles;
    uint64_t off_pages = in.next() % 4;
    uintptr_t target = model.window + (in.next() % 48) * P;
    uint8_t value = in.next();
    if (op == 0 || op == 1 || op == 2) {  // mmap: anonymous, private file, shared file
      bool fixed = model.window != 0 && (in.next() % 4) == 0 && region().owns(target, pages * P);
      int flags = op == 0 ? MAP_PRIVATE | MAP_ANONYMOUS : op == 1 ? MAP_PRIVATE : MAP_SHARED;
      if (fixed) flags |= MAP_FIXED;
      auto r = map(fixed ? target : 0, pages * P, prot, flags, op == 0 ? -1 : model.fds[f],
                   op == 0 ? 0 : int64_t(off_pages * P));
      if (!r) continue;  // the region is full
      if (model.window == 0) model.window = *r;
      if (fixed) {
        CHECK(*r == target);
        for (size_t i = 0; i < pages; ++i) {
          auto it = model.pages.find(target + i * P);
          CHECK(it == model.pages.end() || it->second.names == 1);  // aliased memory is refused
          model.pages.erase(target + i * P);
        }
      }
      add_pages(model, *r, pages, op == 0 ? PageKind::anon : op == 1 ? PageKind::priv : PageKind::shared,
                prot, f, off_pages);
    } else if (op == 3) {  // munmap
      CHECK(unmap(target, pages * P));
      drop_names(model, target, pages);
    } else if (op == 4) {  // mprotect
      bool covered = true;
      for (size_t i = 0; i < pages; ++i) covered = covered && model.pages.count(target + i * P);
      auto r = protect(target, pages * P, prot);
      CHECK(r.ok() == covered);
      if (covered) {
        for (size_t i = 0; i < pages; ++i) model.pages[target + i * P].prot = prot;
      }
    } else if (op == 5) {  // mremap of one page, which moves it or grows it in place
      if (!model.pages.count(target)) continue;
      auto r = remap(target, P, pages * P, MREMAP_MAYMOVE, 0);
      if (!r) continue;  // no room
      ModelPage first = model.pages[target];
      uintptr_t to = *r;
      if (to != target) {
        drop_names(model, target, 1);
        first.names = 1;
        model.pages[to] = first;
      }
      for (size_t i = 1; i < pages; ++i) {
        CHECK(!model.pages.count(to + i * P));
        if (first.kind == PageKind::anon) {
          model.pages[to + i * P] = ModelPage{PageKind::anon, first.prot, 0, 0, std::vector<uint8_t>(P, 0)};
        } else {
          uint64_t fp = first.file_page + i;
          ModelPage m{first.kind, first.prot, first.file, fp, {}};
          if (first.kind == PageKind::priv) m.bytes = model.file_page_bytes(first.file, fp);
          model.pages[to + i * P] = std::move(m);
        }
      }
    } else if (op == 6) {  // a store into a writable page, within the file for shared pages
      auto it = model.pages.lower_bound(target);
      if (it == model.pages.end() || !(it->second.prot & PROT_WRITE)) continue;
      ModelPage& m = it->second;
      size_t at_byte = (size_t(value) * 16) % P;
      size_t len = 1 + in.next() % 64;
      if (at_byte + len > P) len = P - at_byte;
      if (m.kind == PageKind::shared) {
        uint64_t file_off = m.file_page * P + at_byte;
        auto& fb = model.files[m.file];
        if (file_off >= fb.size()) continue;  // past the end of file: not well defined
        len = std::min<uint64_t>(len, fb.size() - file_off);
        std::memset(reinterpret_cast<void*>(it->first + at_byte), value, len);
        std::fill_n(fb.begin() + long(file_off), len, value);
      } else {
        std::memset(reinterpret_cast<void*>(it->first + at_byte), value, len);
        std::fill_n(m.bytes.begin() + long(at_byte), len, value);
      }
    } else if (op == 7) {  // msync of a range, which may hold holes
      auto r = sync(target, pages * P, MS_SYNC);
      CHECK(r.ok() || r.error() == errc::nomem);
    } else if (op == 8) {  // pwrite through the shim
      std::vector<uint8_t> bytes(1 + value * 7 % 3000, uint8_t(value ^ 0x5a));
      uint64_t offset = (uint64_t(in.next()) * 37) % (model.files[f].size() + P);
      shim_pwrite(model, f, offset, bytes);
    } else {  // ftruncate through the shim
      uint64_t new_size = (uint64_t(value) * 53) % (5 * P);
      shim_ftruncate(model, f, new_size);
    }
    check_everything(model);
  }
  // Everything stored reaches the files; unmapping leaves nothing behind.
  for (int f = 0; f < kFiles; ++f) {
    CHECK(before_truncate(model.fds[f], 0));
    CHECK(fake::bytes_of(model.file_ids[f]) == model.files[f]);
  }
  while (table.size() > 0) CHECK(unmap(table[0].addr, table[0].bytes));
  for (size_t i = 0; i < files.size(); ++i) CHECK(!files[i].in_use);
  CHECK(region().free_bytes() == region().region_bytes());
  CHECK(shared_pages_with_several_copies == 0);
}

}  // namespace wasishim::mman
