#include "dirty_tracking.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <vector>

namespace wasishim::mman {
namespace {

constexpr size_t P = 4096;

TEST(DiffSpan, FindsTheExactChangedBytes) {
  std::vector<uint8_t> a(P, 7), b(P, 7);
  EXPECT_TRUE(diff_span(a.data(), b.data(), P).empty());
  b[0] = 1;
  Span s = diff_span(a.data(), b.data(), P);
  EXPECT_EQ(s.lo, 0u);
  EXPECT_EQ(s.hi, 1u);
  b[P - 1] = 1;
  s = diff_span(a.data(), b.data(), P);
  EXPECT_EQ(s.lo, 0u);
  EXPECT_EQ(s.hi, P);
  b[0] = 7;
  b[P - 1] = 7;
  b[1001] = 9;
  b[1013] = 9;
  s = diff_span(a.data(), b.data(), P);
  EXPECT_EQ(s.lo, 1001u);
  EXPECT_EQ(s.hi, 1014u);
  EXPECT_EQ(diff_span(a.data() + 3, b.data() + 3, 5).empty(), true);  // odd sizes
}

TEST(DiffSpan, AgreesWithByteLoopOnRandomPages) {
  std::mt19937 rng(7);
  for (int i = 0; i < 2000; ++i) {
    size_t n = 1 + rng() % 200;
    std::vector<uint8_t> a(n), b;
    for (auto& x : a) x = rng() % 4;
    b = a;
    for (int k = rng() % 3; k > 0; --k) b[rng() % n] ^= 1 + rng() % 3;
    size_t lo = 0, hi = n;
    while (lo < n && a[lo] == b[lo]) ++lo;
    while (hi > lo && a[hi - 1] == b[hi - 1]) --hi;
    Span s = diff_span(a.data(), b.data(), n);
    if (lo == n) {
      EXPECT_TRUE(s.empty());
    } else {
      EXPECT_EQ(s.lo, lo);
      EXPECT_EQ(s.hi, hi);
    }
  }
}

TEST(MergeCopies, OneChangedCopyPropagatesToTheOthers) {
  std::vector<uint8_t> snap(P, 0), c1(P, 0), c2(P, 0), scratch(P);
  c1[100] = 5;
  c1[200] = 6;
  uint8_t* copies[] = {c1.data(), c2.data()};
  Span s = merge_copies(snap.data(), copies, 2, P, scratch.data());
  EXPECT_EQ(s.lo, 100u);
  EXPECT_EQ(s.hi, 201u);
  EXPECT_EQ(snap[100], 5);
  EXPECT_EQ(snap[200], 6);
  EXPECT_EQ(c2, snap);
  EXPECT_EQ(c1, snap);
  // Nothing changed since: an empty span and no writes.
  EXPECT_TRUE(merge_copies(snap.data(), copies, 2, P, scratch.data()).empty());
}

TEST(MergeCopies, StoresToDifferentBytesOfTwoCopiesBothSurvive) {
  std::vector<uint8_t> snap(P, 1), c1(P, 1), c2(P, 1), c3(P, 1), scratch(P);
  c1[10] = 2;          // only copy 1
  c2[4000] = 3;        // only copy 2
  c1[50] = 4;          // both: the later copy wins
  c2[50] = 5;
  uint8_t* copies[] = {c1.data(), c2.data(), c3.data()};
  Span s = merge_copies(snap.data(), copies, 3, P, scratch.data());
  EXPECT_EQ(s.lo, 10u);
  EXPECT_EQ(s.hi, 4001u);
  EXPECT_EQ(snap[10], 2);
  EXPECT_EQ(snap[4000], 3);
  EXPECT_EQ(snap[50], 5);
  EXPECT_EQ(snap[11], 1);
  EXPECT_EQ(c1, snap);
  EXPECT_EQ(c2, snap);
  EXPECT_EQ(c3, snap);
}

TEST(MergeCopies, AStoreOfTheSameValueIsInvisible) {
  // Dirty tracking by comparison cannot see a store that rewrites the old
  // value; nothing needs writing then, since the file already holds it.
  std::vector<uint8_t> snap(P, 9), c1(P, 9), scratch(P);
  c1[77] = 9;
  uint8_t* copies[] = {c1.data()};
  EXPECT_TRUE(merge_copies(snap.data(), copies, 1, P, scratch.data()).empty());
}

TEST(SpanTest, AddWidens) {
  Span s;
  EXPECT_TRUE(s.empty());
  s.add(Span{10, 20});
  s.add(Span{});
  s.add(Span{5, 8});
  EXPECT_EQ(s.lo, 5u);
  EXPECT_EQ(s.hi, 20u);
}

}  // namespace
}  // namespace wasishim::mman
