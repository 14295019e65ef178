#include "mapping_table.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

namespace wasishim::mman {
namespace {

constexpr size_t P = 4096;

Mapping anon(uintptr_t addr, size_t pages, uint8_t prot = 3) {
  return Mapping{addr, pages * P, 0, 0, prot, Kind::anonymous, false};
}
Mapping shared(uintptr_t addr, size_t pages, uint32_t file, uint64_t offset, uint8_t prot = 3) {
  return Mapping{addr, pages * P, offset, file, prot, Kind::shared_file, true};
}

class MappingTableTest : public ::testing::Test {
 protected:
  MappingTable t;
  void TearDown() override { t.release(); }
};

TEST_F(MappingTableTest, FindCoversOverlaps) {
  ASSERT_TRUE(t.insert(anon(10 * P, 2)));
  ASSERT_TRUE(t.insert(anon(20 * P, 1, 1)));
  EXPECT_EQ(t.find(11 * P + 5)->addr, 10 * P);
  EXPECT_EQ(t.find(12 * P), nullptr);
  EXPECT_TRUE(t.covers(10 * P, 12 * P));
  EXPECT_FALSE(t.covers(10 * P, 13 * P));
  EXPECT_FALSE(t.covers(9 * P, 11 * P));
  EXPECT_TRUE(t.overlaps(5 * P, 11 * P));
  EXPECT_FALSE(t.overlaps(12 * P, 20 * P));
  EXPECT_TRUE(t.covers(15 * P, 15 * P));  // empty range
}

TEST_F(MappingTableTest, AdjacentCompatibleMappingsMerge) {
  ASSERT_TRUE(t.insert(anon(10 * P, 2)));
  ASSERT_TRUE(t.insert(anon(12 * P, 3)));
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].bytes, 5 * P);
  ASSERT_TRUE(t.insert(anon(15 * P, 1, 1)));  // other protection: stays apart
  EXPECT_EQ(t.size(), 2u);
}

TEST_F(MappingTableTest, FileMappingsMergeOnlyWithContiguousOffsets) {
  ASSERT_TRUE(t.insert(shared(10 * P, 2, 7, 0)));
  ASSERT_TRUE(t.insert(shared(12 * P, 1, 7, 3 * P)));  // gap in the file
  EXPECT_EQ(t.size(), 2u);
  ASSERT_TRUE(t.insert(shared(13 * P, 1, 7, 4 * P)));  // continues the second
  EXPECT_EQ(t.size(), 2u);
  EXPECT_EQ(t[1].bytes, 2 * P);
  ASSERT_TRUE(t.insert(shared(15 * P, 1, 8, 6 * P)));  // another file
  EXPECT_EQ(t.size(), 3u);
}

TEST_F(MappingTableTest, SplitKeepsFileOffsets) {
  ASSERT_TRUE(t.insert(shared(10 * P, 4, 1, 8 * P)));
  ASSERT_TRUE(t.split_at(11 * P));
  ASSERT_TRUE(t.split_at(13 * P));
  ASSERT_TRUE(t.split_at(13 * P));  // already a boundary
  ASSERT_TRUE(t.split_at(30 * P));  // unmapped
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[1].addr, 11 * P);
  EXPECT_EQ(t[1].offset, 9 * P);
  EXPECT_EQ(t[1].bytes, 2 * P);
  EXPECT_EQ(t[2].offset, 11 * P);
  t[1].prot = 1;
  t.merge_range(1, 1);
  EXPECT_EQ(t.size(), 3u);  // different protection
  t[1].prot = 3;
  t.merge_range(1, 1);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].bytes, 4 * P);
  EXPECT_EQ(t[0].offset, 8 * P);
}

TEST_F(MappingTableTest, SharedAnonymousObjectsDoNotMergeWithEachOther) {
  Mapping a{10 * P, 2 * P, 0, 1, 3, Kind::shared_anonymous, false};
  Mapping b{12 * P, 2 * P, 0, 2, 3, Kind::shared_anonymous, false};
  ASSERT_TRUE(t.insert(a));
  ASSERT_TRUE(t.insert(b));
  EXPECT_EQ(t.size(), 2u);
}

// Random inserts, splits and erasures against a page-by-page model.
TEST_F(MappingTableTest, RandomisedAgainstPageModel) {
  std::mt19937 rng(99);
  struct PageInfo { uint8_t prot; uint32_t file; uint64_t offset; };
  std::map<uintptr_t, PageInfo> model;  // page number -> what maps it
  for (int step = 0; step < 5000; ++step) {
    uintptr_t first = rng() % 64, count = 1 + rng() % 6;
    int op = rng() % 3;
    if (op == 0) {
      bool free = true;
      for (uintptr_t p = first; p < first + count; ++p) free &= !model.count(p);
      if (!free) continue;
      uint8_t prot = rng() % 2 ? 3 : 1;
      uint32_t file = rng() % 2;
      uint64_t off = (rng() % 4) * P;
      ASSERT_TRUE(t.insert(shared(first * P, count, file, off, prot)));
      for (uintptr_t p = first; p < first + count; ++p) model[p] = {prot, file, off + (p - first) * P};
    } else {
      // Erase [first, first+count) as munmap does.
      ASSERT_TRUE(t.split_at(first * P));
      ASSERT_TRUE(t.split_at((first + count) * P));
      size_t i = t.first_ending_after(first * P);
      while (i < t.size() && t[i].addr < (first + count) * P) {
        ASSERT_GE(t[i].addr, first * P);
        ASSERT_LE(t[i].end(), (first + count) * P);
        t.erase(i);
      }
      for (uintptr_t p = first; p < first + count; ++p) model.erase(p);
    }
    // Invariants: sorted, disjoint, no two adjacent compatible entries left
    // unmerged after inserts, and every page agrees with the model.
    for (size_t i = 1; i < t.size(); ++i) ASSERT_LE(t[i - 1].end(), t[i].addr);
    for (uintptr_t p = 0; p < 72; ++p) {
      const Mapping* m = t.find(p * P + 1);
      auto it = model.find(p);
      ASSERT_EQ(m != nullptr, it != model.end()) << "page " << p << " step " << step;
      if (!m) continue;
      EXPECT_EQ(m->prot, it->second.prot);
      EXPECT_EQ(m->file, it->second.file);
      EXPECT_EQ(m->offset + (p * P - m->addr), it->second.offset);
    }
  }
}

}  // namespace
}  // namespace wasishim::mman
