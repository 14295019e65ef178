#include "engine/module_info.h"

#include <gtest/gtest.h>

#include <vector>

namespace wasishim {
namespace {

std::vector<uint8_t> header() { return {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00}; }

TEST(ModuleInfo, ReadsFunctionNames) {
  auto m = header();
  // custom section "name", subsection 1 with two entries: 0 -> "ab", 5 -> "main"
  std::vector<uint8_t> sub = {2, 0, 2, 'a', 'b', 5, 4, 'm', 'a', 'i', 'n'};
  std::vector<uint8_t> body = {4, 'n', 'a', 'm', 'e', 1, static_cast<uint8_t>(sub.size())};
  body.insert(body.end(), sub.begin(), sub.end());
  m.push_back(0);
  m.push_back(static_cast<uint8_t>(body.size()));
  m.insert(m.end(), body.begin(), body.end());
  auto names = read_function_names(m);
  ASSERT_EQ(names.size(), 2u);
  EXPECT_EQ(names[0], "ab");
  EXPECT_EQ(names[5], "main");
}

TEST(ModuleInfo, TruncatedSectionsYieldNoNames) {
  auto m = header();
  m.insert(m.end(), {0, 50, 4, 'n', 'a', 'm', 'e'});
  EXPECT_TRUE(read_function_names(m).empty());
  EXPECT_TRUE(read_function_names(std::vector<uint8_t>{0, 1}).empty());
}

}  // namespace
}  // namespace wasishim
