#include "page_allocator.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <utility>
#include <vector>

namespace wasishim::mman {
namespace {

constexpr size_t kPage = 4096;
constexpr size_t kChunk = 65536;

// A fake linear memory: grows in 64 KiB steps from `end`; `foreign` bytes are
// taken by someone else (malloc) before each growth when set.
struct FakeMemory {
  uintptr_t end = 0x100000;
  size_t foreign = 0;
  size_t limit = 64 * 1024 * 1024;
  int grows = 0;

  static uintptr_t grow(void* ctx, size_t bytes, size_t* got) {
    auto* self = static_cast<FakeMemory*>(ctx);
    self->end += self->foreign;
    size_t n = (bytes + kChunk - 1) / kChunk * kChunk;
    if (self->end + n > self->limit) return 0;
    uintptr_t base = self->end;
    self->end += n;
    *got = n;
    ++self->grows;
    return base;
  }
};

struct Clears {
  std::vector<std::pair<uintptr_t, size_t>> ranges;
  static void record(void* ctx, uintptr_t addr, size_t bytes) {
    static_cast<Clears*>(ctx)->ranges.emplace_back(addr, bytes);
  }
  size_t total() const {
    size_t t = 0;
    for (auto& r : ranges) t += r.second;
    return t;
  }
};

class PageAllocatorTest : public ::testing::Test {
 protected:
  FakeMemory mem;
  PageAllocator alloc{kPage, FakeMemory::grow, &mem};
  Clears clears;

  uintptr_t allocate(size_t pages) { return alloc.allocate(pages * kPage, Clears::record, &clears); }
  void TearDown() override { alloc.release_storage(); }
};

TEST_F(PageAllocatorTest, FreshPagesAreNeverCleared) {
  uintptr_t a = allocate(3);
  ASSERT_NE(a, 0u);
  EXPECT_EQ(a % kPage, 0u);
  EXPECT_EQ(mem.grows, 1);
  EXPECT_TRUE(clears.ranges.empty());
  uintptr_t b = allocate(2);  // from the rest of the same 64 KiB growth
  EXPECT_EQ(b, a + 3 * kPage);
  EXPECT_EQ(mem.grows, 1);
  EXPECT_TRUE(clears.ranges.empty());
}

TEST_F(PageAllocatorTest, ReusedPagesAreReportedForClearing) {
  uintptr_t a = allocate(4);
  ASSERT_TRUE(alloc.release(a + kPage, 2 * kPage));
  uintptr_t b = allocate(1);
  EXPECT_EQ(b, a + kPage);
  ASSERT_EQ(clears.ranges.size(), 1u);
  EXPECT_EQ(clears.ranges[0], std::make_pair(a + kPage, kPage));
  EXPECT_EQ(mem.grows, 1);
}

TEST_F(PageAllocatorTest, AllocationSpansReusedAndFreshPages) {
  uintptr_t a = allocate(15);           // 15 of the 16 pages of one growth
  ASSERT_TRUE(alloc.release(a + 14 * kPage, kPage));  // page 14 reused, page 15 fresh
  uintptr_t b = allocate(2);
  EXPECT_EQ(b, a + 14 * kPage);
  ASSERT_EQ(clears.ranges.size(), 1u);
  EXPECT_EQ(clears.ranges[0], std::make_pair(a + 14 * kPage, kPage));
}

TEST_F(PageAllocatorTest, GrowthContinuesTheFreeTail) {
  uintptr_t a = allocate(15);
  uintptr_t b = allocate(3);  // one free page left: grows by one chunk, contiguous
  EXPECT_EQ(b, a + 15 * kPage);
  EXPECT_EQ(mem.grows, 2);
  EXPECT_EQ(alloc.region_bytes(), 2 * kChunk);
}

TEST_F(PageAllocatorTest, ForeignGrowthIsNeverHandedOut) {
  uintptr_t a = allocate(15);
  mem.foreign = kChunk;  // malloc grows memory between our growths
  uintptr_t b = allocate(3);
  ASSERT_NE(b, 0u);
  // The three pages may not straddle the foreign chunk.
  uintptr_t foreign_lo = a - 0 + 16 * kPage, foreign_hi = foreign_lo + kChunk;
  EXPECT_TRUE(b + 3 * kPage <= foreign_lo || b >= foreign_hi);
  EXPECT_FALSE(alloc.owns(foreign_lo, kPage));
  EXPECT_TRUE(alloc.owns(a, 16 * kPage));
}

TEST_F(PageAllocatorTest, ClaimTakesExactlyFreePages) {
  uintptr_t a = allocate(4);
  EXPECT_FALSE(alloc.claim(a, kPage, Clears::record, &clears));  // in use
  ASSERT_TRUE(alloc.release(a, 4 * kPage));
  EXPECT_TRUE(alloc.claim(a + kPage, kPage, Clears::record, &clears));
  EXPECT_FALSE(alloc.is_free(a + kPage, kPage));
  EXPECT_TRUE(alloc.is_free(a, kPage));
  EXPECT_TRUE(alloc.is_free(a + 2 * kPage, 2 * kPage));
  EXPECT_FALSE(alloc.claim(a, 2 * kPage, Clears::record, &clears));  // straddles a used page
  EXPECT_FALSE(alloc.claim(a + 1, kPage, Clears::record, &clears));  // unaligned
  ASSERT_EQ(clears.ranges.size(), 1u);
  EXPECT_EQ(clears.ranges[0], std::make_pair(a + kPage, kPage));
}

TEST_F(PageAllocatorTest, RejectsBadSizesAndReportsExhaustion) {
  EXPECT_EQ(allocate(0), 0u);
  EXPECT_EQ(alloc.allocate(100, Clears::record, &clears), 0u);
  mem.limit = mem.end + kChunk;
  EXPECT_NE(allocate(16), 0u);
  EXPECT_EQ(allocate(1), 0u);
}

TEST_F(PageAllocatorTest, ReleasedNeighboursMerge) {
  uintptr_t a = allocate(6);
  ASSERT_TRUE(alloc.release(a, kPage));
  ASSERT_TRUE(alloc.release(a + 2 * kPage, kPage));
  ASSERT_TRUE(alloc.release(a + kPage, kPage));
  // One non-zero run of three pages, then the zero rest of the chunk.
  ASSERT_EQ(alloc.free_runs().size(), 2u);
  EXPECT_EQ(alloc.free_runs()[0].addr, a);
  EXPECT_EQ(alloc.free_runs()[0].bytes, 3 * kPage);
  EXPECT_FALSE(alloc.free_runs()[0].zero);
  EXPECT_TRUE(alloc.free_runs()[1].zero);
}

// Random operations against a page-by-page model: allocations never overlap
// each other or foreign memory, and exactly the reused pages get cleared.
TEST_F(PageAllocatorTest, RandomisedAgainstPageModel) {
  std::mt19937 rng(12345);
  enum State { kFreshFree, kDirtyFree, kUsed };
  std::map<uintptr_t, State> page;  // pages of the region
  std::vector<std::pair<uintptr_t, size_t>> live;
  mem.foreign = 0;
  for (int step = 0; step < 4000; ++step) {
    mem.foreign = (rng() % 8 == 0) ? kChunk : 0;
    int op = rng() % 3;
    if (op < 2 || live.empty()) {
      size_t n = 1 + rng() % 20;
      uintptr_t before_end = mem.end;
      clears.ranges.clear();
      uintptr_t a;
      if (op == 1 && !page.empty() && rng() % 2) {
        auto it = page.begin();
        std::advance(it, rng() % page.size());
        a = it->first;
        bool claimed = alloc.claim(a, n * kPage, Clears::record, &clears);
        bool model_free = true;
        for (size_t i = 0; i < n; ++i) {
          auto p = page.find(a + i * kPage);
          if (p == page.end() || p->second == kUsed) model_free = false;
        }
        ASSERT_EQ(claimed, model_free) << "step " << step;
        if (!claimed) continue;
      } else {
        a = allocate(n);
        ASSERT_NE(a, 0u);
      }
      size_t expected_clear = 0;
      for (size_t i = 0; i < n; ++i) {
        uintptr_t p = a + i * kPage;
        auto it = page.find(p);
        if (it == page.end()) {
          ASSERT_TRUE(alloc.owns(p, kPage));
          page[p] = kUsed;  // new growth: fresh
          continue;
        }
        ASSERT_NE(it->second, kUsed) << "page handed out twice at step " << step;
        if (it->second == kDirtyFree) expected_clear += kPage;
        it->second = kUsed;
      }
      // Growth may add free pages beyond the allocation: record them fresh.
      for (uintptr_t p = before_end; p < mem.end; p += kPage) {
        if (alloc.owns(p, kPage) && !page.count(p)) page[p] = kFreshFree;
      }
      EXPECT_EQ(clears.total(), expected_clear) << "step " << step;
      live.emplace_back(a, n);
    } else {
      size_t k = rng() % live.size();
      auto [a, n] = live[k];
      live.erase(live.begin() + k);
      ASSERT_TRUE(alloc.release(a, n * kPage));
      for (size_t i = 0; i < n; ++i) page[a + i * kPage] = kDirtyFree;
    }
  }
  size_t model_free = 0;
  for (auto& [p, s] : page) model_free += s != kUsed ? kPage : 0;
  EXPECT_EQ(alloc.free_bytes(), model_free);
}

}  // namespace
}  // namespace wasishim::mman
