#include "mman_fuzz_body.h"

#include <map>

#include "dirty_tracking.h"
#include "mapping_table.h"
#include "page_allocator.h"

namespace wasishim::mman {
namespace {

constexpr size_t P = 4096;

#define CHECK(cond) \
  do {              \
    if (!(cond)) __builtin_trap(); \
  } while (0)

struct Memory {
  uintptr_t end = 0x10000;
  static uintptr_t grow(void* ctx, size_t bytes, size_t* got) {
    auto* m = static_cast<Memory*>(ctx);
    size_t n = (bytes + 65535) / 65536 * 65536;
    if (m->end + n > (uintptr_t{1} << 26)) return 0;
    uintptr_t base = m->end;
    m->end += n;
    *got = n;
    return base;
  }
};

struct Reader {
  const uint8_t* p;
  size_t n;
  uint8_t next() {
    if (n == 0) return 0;
    --n;
    return *p++;
  }
};

void no_clear(void*, uintptr_t, size_t) {}

}  // namespace

void run_fuzz_input(const uint8_t* data, size_t size) {
  Memory mem;
  PageAllocator alloc(P, Memory::grow, &mem);
  MappingTable table;
  std::map<uintptr_t, uint8_t> model;  // mapped page -> prot
  Reader in{data, size};
  while (in.n > 0) {
    uint8_t op = in.next() % 5;
    size_t pages = 1 + in.next() % 8;
    uint8_t prot = in.next() % 4;
    uintptr_t target = 0x10000 + (in.next() % 64) * P;
    if (op == 0) {  // mmap anywhere
      uintptr_t a = alloc.allocate(pages * P, no_clear, nullptr);
      if (a == 0) continue;
      for (size_t i = 0; i < pages; ++i) CHECK(!model.count(a + i * P));
      CHECK(table.insert(Mapping{a, pages * P, 0, 0, prot, Kind::anonymous, false}));
      for (size_t i = 0; i < pages; ++i) model[a + i * P] = prot;
    } else if (op == 1 || op == 2) {  // munmap, or MAP_FIXED over owned pages
      uintptr_t end = target + pages * P;
      CHECK(table.split_at(target) && table.split_at(end));
      size_t i = table.first_ending_after(target);
      while (i < table.size() && table[i].addr < end) {
        Mapping m = table[i];
        CHECK(m.addr >= target && m.end() <= end);
        table.erase(i);
        CHECK(alloc.release(m.addr, m.bytes));
      }
      for (uintptr_t a = target; a < end; a += P) model.erase(a);
      if (op == 2 && alloc.owns(target, pages * P)) {
        CHECK(alloc.claim(target, pages * P, no_clear, nullptr));
        CHECK(table.insert(Mapping{target, pages * P, 0, 0, prot, Kind::anonymous, false}));
        for (uintptr_t a = target; a < end; a += P) model[a] = prot;
      }
    } else if (op == 3) {  // mprotect
      uintptr_t end = target + pages * P;
      if (!table.covers(target, end)) continue;
      CHECK(table.split_at(target) && table.split_at(end));
      size_t first = table.first_ending_after(target), last = first;
      for (size_t i = first; i < table.size() && table[i].addr < end; ++i) {
        table[i].prot = prot;
        last = i;
      }
      table.merge_range(first, last);
      for (uintptr_t a = target; a < end; a += P) model[a] = prot;
    } else {  // merge of copies
      uint8_t snap[64] = {}, c1[64] = {}, c2[64] = {}, scratch[64];
      for (int k = 0; k < 4; ++k) c1[in.next() % 64] = in.next();
      for (int k = 0; k < 4; ++k) c2[in.next() % 64] = in.next();
      uint8_t expect[64];
      for (int b = 0; b < 64; ++b) expect[b] = c2[b] != 0 ? c2[b] : c1[b];
      uint8_t* copies[] = {c1, c2};
      merge_copies(snap, copies, 2, 64, scratch);
      for (int b = 0; b < 64; ++b) CHECK(snap[b] == expect[b] && c1[b] == snap[b] && c2[b] == snap[b]);
    }
    // The table agrees with the model, and no mapped page is free.
    for (size_t i = 1; i < table.size(); ++i) CHECK(table[i - 1].end() <= table[i].addr);
    for (size_t i = 0; i < table.size(); ++i) {
      CHECK(!alloc.is_free(table[i].addr, P));
      for (uintptr_t a = table[i].addr; a < table[i].end(); a += P) {
        auto it = model.find(a);
        CHECK(it != model.end() && it->second == table[i].prot);
      }
    }
    size_t mapped = 0;
    for (size_t i = 0; i < table.size(); ++i) mapped += table[i].bytes;
    CHECK(mapped == model.size() * P);
    CHECK(alloc.free_bytes() + mapped == alloc.region_bytes());
  }
  table.release();
  alloc.release_storage();
}

}  // namespace wasishim::mman
