#include "descriptor_table.h"

#include <gtest/gtest.h>

#include <set>

using wasishim::shim::description;
using wasishim::shim::description_kind;
using wasishim::shim::descriptor_table;
using wasishim::sys::errc;

namespace {

class DescriptorTable : public ::testing::Test {
 protected:
  void TearDown() override { t.clear(); }
  // WASI descriptors the fake host has open.
  std::set<int> host{0, 1, 2, 3};
  auto open_on_host() {
    return [this](int n) { return host.count(n) != 0; };
  }
  descriptor_table t;
  description file{description_kind::file, 0, 3, nullptr, 0};
};

TEST_F(DescriptorTable, EmptyMeansEveryNumberIsItsWasiDescriptor) {
  EXPECT_TRUE(t.empty());
  EXPECT_EQ(t.at(3), nullptr);
  EXPECT_FALSE(t.hidden(3));
  EXPECT_EQ(t.lowest_free(0, 1024, open_on_host()), 4);
}

TEST_F(DescriptorTable, AttachCountsReferencesAndDetachDropsThem) {
  ASSERT_TRUE(t.attach(3, &file).ok());
  ASSERT_TRUE(t.attach(7, &file).ok());
  EXPECT_EQ(file.refs, 2u);
  EXPECT_FALSE(t.empty());
  EXPECT_EQ(t.at(7), &file);
  EXPECT_EQ(t.attach(7, &file).error(), errc::busy);  // taken
  EXPECT_EQ(t.detach(3), &file);
  EXPECT_EQ(file.refs, 1u);
  EXPECT_EQ(t.at(3), nullptr);
  EXPECT_EQ(t.detach(3), nullptr);  // already gone
  EXPECT_EQ(t.detach(7), &file);
  EXPECT_EQ(file.refs, 0u);
  EXPECT_TRUE(t.empty());
}

TEST_F(DescriptorTable, LowestFreeSkipsEntriesAndOpenWasiDescriptors) {
  ASSERT_TRUE(t.attach(4, &file).ok());
  ASSERT_TRUE(t.attach(6, &file).ok());
  host.insert(5);
  EXPECT_EQ(t.lowest_free(0, 1024, open_on_host()), 7);
  EXPECT_EQ(t.lowest_free(8, 1024, open_on_host()), 8);
  EXPECT_EQ(t.lowest_free(-3, 1024, open_on_host()), 7);  // from 0
  EXPECT_EQ(t.lowest_free(0, 7, open_on_host()), -1);     // limit reached
}

TEST_F(DescriptorTable, HiddenWasiDescriptorsLeaveTheirNumberFree) {
  // After dup(3) and close(3), WASI 3 is reached only through the dup.
  ASSERT_TRUE(t.set_hidden(3, true).ok());
  EXPECT_TRUE(t.hidden(3));
  EXPECT_FALSE(t.empty());
  EXPECT_EQ(t.lowest_free(0, 1024, open_on_host()), 3);
  ASSERT_TRUE(t.set_hidden(3, false).ok());
  EXPECT_TRUE(t.empty());
  EXPECT_EQ(t.lowest_free(0, 1024, open_on_host()), 4);
  EXPECT_TRUE(t.set_hidden(1000, false).ok());  // never hidden: nothing to undo
  EXPECT_TRUE(t.empty());
}

TEST_F(DescriptorTable, NegativeNumbersAreNeverEntries) {
  EXPECT_EQ(t.at(-1), nullptr);
  EXPECT_EQ(t.attach(-1, &file).error(), errc::badf);
  EXPECT_EQ(t.detach(-1), nullptr);
}

}  // namespace
