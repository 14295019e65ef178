#include "preopen_table.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

using wasishim::shim::preopen_table;
using wasishim::sys::errc;

namespace {

class PreopenTable : public ::testing::Test {
 protected:
  void TearDown() override { table.clear(); }
  void add(int fd, const char* name) { ASSERT_TRUE(table.add(fd, name, std::strlen(name)).ok()); }
  std::string match(const char* path) {
    auto m = table.match(path);
    if (!m) return "noent";
    return std::to_string(m->fd) + ":" + m->relative;
  }
  preopen_table table;
};

TEST_F(PreopenTable, LongestMountWins) {
  add(3, "/");
  add(4, "/data");
  add(5, "/data/inner");
  EXPECT_EQ(match("/etc/x"), "3:etc/x");
  EXPECT_EQ(match("/data"), "4:.");
  EXPECT_EQ(match("/data/a/b"), "4:a/b");
  EXPECT_EQ(match("/data/inner"), "5:.");
  EXPECT_EQ(match("/data/inner/z"), "5:z");
  EXPECT_EQ(match("/datax"), "3:datax");
  EXPECT_EQ(match("/"), "3:.");
}

TEST_F(PreopenTable, RelativeNamesMountBelowRoot) {
  add(3, ".");
  add(4, "./tmp");
  add(5, "work/");
  EXPECT_EQ(match("/"), "3:.");
  EXPECT_EQ(match("/file"), "3:file");
  EXPECT_EQ(match("/tmp/t"), "4:t");
  EXPECT_EQ(match("/work"), "5:.");
}

TEST_F(PreopenTable, SameMountPointLaterWins) {
  // "/" and "." both mount at "/": the later preopen hides the earlier, as
  // a later mount does.
  add(3, "/");
  add(4, ".");
  EXPECT_EQ(match("/a"), "4:a");
  table.remove(4);
  EXPECT_EQ(match("/a"), "3:a");
}

TEST_F(PreopenTable, NoMountNoMatch) {
  add(3, "/sandbox");
  EXPECT_EQ(match("/"), "noent");
  EXPECT_EQ(match("/other"), "noent");
  EXPECT_EQ(match("/sandbox2"), "noent");
  EXPECT_TRUE(table.is_virtual_ancestor("/"));
  EXPECT_FALSE(table.is_virtual_ancestor("/sandbox"));
  EXPECT_FALSE(table.is_virtual_ancestor("/other"));
}

TEST_F(PreopenTable, NamesNeedNoTerminator) {
  const char name[] = {'/', 'a', 'b', 'X'};
  ASSERT_TRUE(table.add(7, name, 3).ok());
  EXPECT_EQ(match("/ab/c"), "7:c");
  ASSERT_TRUE(table.add(8, name, 0).ok());  // empty name: "."
  EXPECT_EQ(match("/zz"), "8:zz");
}

TEST_F(PreopenTable, RemoveForgetsOnlyThatFd) {
  add(3, "/a");
  add(4, "/b");
  table.remove(3);
  EXPECT_EQ(match("/a/x"), "noent");
  EXPECT_EQ(match("/b/x"), "4:x");
  EXPECT_EQ(table.size(), 1u);
}

TEST_F(PreopenTable, ManyEntriesGrow) {
  for (int i = 0; i < 100; ++i) add(10 + i, ("/m" + std::to_string(i)).c_str());
  EXPECT_EQ(match("/m57/f"), "67:f");
}

}  // namespace
