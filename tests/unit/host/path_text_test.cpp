#include "sandbox/path_text.h"

#include <gtest/gtest.h>

namespace wasishim::sandbox {
namespace {

TEST(PathText, SplitLast) {
  auto s = split_last("a/b/c");
  EXPECT_EQ(s.dir, "a/b/");
  EXPECT_EQ(s.last, "c");
  EXPECT_FALSE(s.trailing_slash);
  s = split_last("a//");
  EXPECT_EQ(s.dir, "");
  EXPECT_EQ(s.last, "a");
  EXPECT_TRUE(s.trailing_slash);
  s = split_last("x/..");
  EXPECT_EQ(s.last, "..");
}

TEST(PathText, Components) {
  auto c = components_of("./a//b/./c/");
  EXPECT_EQ(c.parts, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(c.ends_as_directory);
  c = components_of("a/..");
  EXPECT_EQ(c.parts, (std::vector<std::string>{"a", ".."}));
  EXPECT_TRUE(c.ends_as_directory);
  c = components_of("a/b");
  EXPECT_FALSE(c.ends_as_directory);
  c = components_of("a/.");
  EXPECT_TRUE(c.ends_as_directory);
}

TEST(PathText, Utf8) {
  EXPECT_TRUE(valid_utf8("plain"));
  EXPECT_TRUE(valid_utf8("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"));
  EXPECT_FALSE(valid_utf8("\xc3"));          // truncated
  EXPECT_FALSE(valid_utf8("\xc0\xaf"));      // overlong '/'
  EXPECT_FALSE(valid_utf8("\xed\xa0\x80"));  // surrogate
  EXPECT_FALSE(valid_utf8("\xf4\x90\x80\x80"));  // beyond U+10FFFF
  EXPECT_FALSE(valid_utf8("\xff"));
}

TEST(PathText, LevelsClimbed) {
  EXPECT_EQ(levels_climbed("a/b"), 0);
  EXPECT_EQ(levels_climbed(".."), 1);
  EXPECT_EQ(levels_climbed("../.."), 2);
  EXPECT_EQ(levels_climbed("../a/../.."), 2);
  EXPECT_EQ(levels_climbed("a/../../b"), 1);
  EXPECT_EQ(levels_climbed("a/b/../c"), 0);
  EXPECT_EQ(levels_climbed("./..//./x/"), 1);
  EXPECT_EQ(levels_climbed("a/b/../../.."), 1);
  EXPECT_EQ(levels_climbed("..."), 0);  // a name, not a parent
  EXPECT_EQ(levels_climbed(""), 0);
}

}  // namespace
}  // namespace wasishim::sandbox
