#include "wasi/fd_table.h"

#include <gtest/gtest.h>

namespace wasishim {
namespace {

std::unique_ptr<FdEntry> entry(wasi::Rights rights) {
  auto e = std::make_unique<FdEntry>();
  e->rights_base = rights;
  return e;
}

TEST(FdTable, AllocatesLowestFreeNumber) {
  FdTable t;
  t.insert_at(0, entry(0));
  t.insert_at(3, entry(0));
  EXPECT_EQ(t.insert(entry(0)), 1u);
  EXPECT_EQ(t.insert(entry(0)), 2u);
  EXPECT_EQ(t.insert(entry(0)), 4u);
  EXPECT_EQ(t.close(1), wasi::Errno::success);
  EXPECT_EQ(t.insert(entry(0)), 1u);
}

TEST(FdTable, LookupChecksRights) {
  FdTable t;
  wasi::Fd fd = t.insert(entry(wasi::right::fd_read));
  EXPECT_TRUE(t.get(fd, wasi::right::fd_read));
  auto denied = t.get(fd, wasi::right::fd_read | wasi::right::fd_write);
  EXPECT_FALSE(denied);
  EXPECT_EQ(denied.error, wasi::Errno::notcapable);
  EXPECT_EQ(t.get(fd + 7).error, wasi::Errno::badf);
}

TEST(FdTable, CloseAndRenumber) {
  FdTable t;
  wasi::Fd a = t.insert(entry(wasi::right::fd_read));
  wasi::Fd b = t.insert(entry(wasi::right::fd_write));
  EXPECT_EQ(t.close(a + 10), wasi::Errno::badf);
  EXPECT_EQ(t.renumber(a, b), wasi::Errno::success);
  EXPECT_EQ(t.get(a).error, wasi::Errno::badf);
  EXPECT_TRUE(t.get(b, wasi::right::fd_read));  // b now holds a's entry
  EXPECT_EQ(t.renumber(a, b), wasi::Errno::badf);
  EXPECT_EQ(t.close(b), wasi::Errno::success);
  EXPECT_EQ(t.close(b), wasi::Errno::badf);
}

}  // namespace
}  // namespace wasishim
