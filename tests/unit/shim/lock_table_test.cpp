#include "lock_table.h"

#include <gtest/gtest.h>

using wasishim::shim::file_key;
using wasishim::shim::lock_kind;
using wasishim::shim::lock_table;
using wasishim::shim::lock_to_eof;
using wasishim::sys::errc;

namespace {

constexpr file_key f{1, 100};
constexpr file_key g{1, 101};

class LockTable : public ::testing::Test {
 protected:
  void TearDown() override { t.clear(); }
  lock_table t;
};

TEST_F(LockTable, OwnLocksNeverConflict) {
  ASSERT_TRUE(t.apply(f, 1, 0, 10, lock_kind::write).ok());
  EXPECT_TRUE(t.apply(f, 1, 5, 20, lock_kind::write).ok());
  EXPECT_FALSE(t.find_conflict(f, 1, 0, lock_to_eof, lock_kind::write).ok());
}

TEST_F(LockTable, OtherOwnersConflictByKindAndRange) {
  ASSERT_TRUE(t.apply(f, 1, 10, 20, lock_kind::read).ok());
  EXPECT_TRUE(t.apply(f, 2, 15, 30, lock_kind::read).ok());  // readers share
  EXPECT_EQ(t.apply(f, 3, 19, 21, lock_kind::write).error(), errc::again);
  EXPECT_TRUE(t.apply(f, 3, 30, 40, lock_kind::write).ok());  // [30,40) touches nobody
  EXPECT_TRUE(t.apply(g, 3, 0, lock_to_eof, lock_kind::write).ok());  // another file
  auto c = t.find_conflict(f, 4, 0, 12, lock_kind::write);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->owner, 1u);
  EXPECT_EQ(c->start, 10u);
  EXPECT_EQ(c->kind, lock_kind::read);
}

TEST_F(LockTable, UnlockingTheMiddleSplits) {
  ASSERT_TRUE(t.apply(f, 1, 0, 100, lock_kind::write).ok());
  ASSERT_TRUE(t.apply(f, 1, 40, 60, lock_kind::unlock).ok());
  EXPECT_EQ(t.size(), 2u);
  EXPECT_TRUE(t.apply(f, 2, 40, 60, lock_kind::write).ok());
  EXPECT_EQ(t.apply(f, 2, 39, 41, lock_kind::write).error(), errc::again);
  EXPECT_EQ(t.apply(f, 2, 59, 61, lock_kind::write).error(), errc::again);
}

TEST_F(LockTable, ReplacingAKindDowngrades) {
  ASSERT_TRUE(t.apply(f, 1, 0, lock_to_eof, lock_kind::write).ok());
  EXPECT_EQ(t.apply(f, 2, 5, 6, lock_kind::read).error(), errc::again);
  ASSERT_TRUE(t.apply(f, 1, 0, lock_to_eof, lock_kind::read).ok());
  EXPECT_TRUE(t.apply(f, 2, 5, 6, lock_kind::read).ok());
  EXPECT_EQ(t.size(), 2u);
}

TEST_F(LockTable, FailureLeavesTheTableUnchanged) {
  ASSERT_TRUE(t.apply(f, 1, 0, 10, lock_kind::read).ok());
  ASSERT_TRUE(t.apply(f, 2, 20, 30, lock_kind::read).ok());
  EXPECT_EQ(t.apply(f, 1, 0, 30, lock_kind::write).error(), errc::again);
  EXPECT_EQ(t.size(), 2u);
  EXPECT_EQ(t.at(0).end, 10u);
}

TEST_F(LockTable, ReleaseByFileAndByOwner) {
  ASSERT_TRUE(t.apply(f, 1, 0, 10, lock_kind::write).ok());
  ASSERT_TRUE(t.apply(g, 1, 0, 10, lock_kind::write).ok());
  ASSERT_TRUE(t.apply(f, 2, 20, 30, lock_kind::write).ok());
  t.release(f, 1);
  EXPECT_TRUE(t.apply(f, 3, 0, 10, lock_kind::write).ok());
  EXPECT_EQ(t.apply(g, 3, 0, 10, lock_kind::write).error(), errc::again);
  t.release_owner(1);
  EXPECT_TRUE(t.apply(g, 3, 0, 10, lock_kind::write).ok());
  EXPECT_EQ(t.apply(f, 1, 25, 26, lock_kind::read).error(), errc::again);
}

TEST_F(LockTable, EmptyRangeIsInvalid) {
  EXPECT_EQ(t.apply(f, 1, 5, 5, lock_kind::write).error(), errc::inval);
}

TEST_F(LockTable, ToEndOfFileCoversEverythingAfter) {
  ASSERT_TRUE(t.apply(f, 1, 1000, lock_to_eof, lock_kind::write).ok());
  EXPECT_EQ(t.apply(f, 2, UINT64_MAX - 2, UINT64_MAX - 1, lock_kind::read).error(), errc::again);
  EXPECT_TRUE(t.apply(f, 2, 0, 1000, lock_kind::write).ok());
}

}  // namespace
