#include "abi/guest_memory.h"

#include <gtest/gtest.h>

#include <vector>

namespace wasishim {
namespace {

TEST(GuestMemory, RejectsRangesPastTheEnd) {
  std::vector<uint8_t> backing(64);
  GuestMemory mem(backing.data(), backing.size());
  EXPECT_TRUE(mem.bytes(0, 64).has_value());
  EXPECT_TRUE(mem.bytes(64, 0).has_value());
  EXPECT_FALSE(mem.bytes(60, 5).has_value());
  EXPECT_FALSE(mem.bytes(65, 0).has_value());
  // A length that would wrap around when added to the pointer.
  EXPECT_FALSE(mem.bytes(8, UINT64_MAX - 4).has_value());
  EXPECT_FALSE(mem.load<uint32_t>(61).has_value());
  EXPECT_FALSE(mem.store<uint64_t>(57, 1));
}

TEST(GuestMemory, LoadsAndStoresLittleEndian) {
  std::vector<uint8_t> backing(16);
  GuestMemory mem(backing.data(), backing.size());
  ASSERT_TRUE(mem.store<uint32_t>(4, 0x11223344u));
  EXPECT_EQ(backing[4], 0x44);
  EXPECT_EQ(backing[7], 0x11);
  EXPECT_EQ(mem.load<uint16_t>(5), 0x2233u);
}

TEST(GuestMemory, EmptyMemoryFaultsEverything) {
  GuestMemory mem;
  EXPECT_TRUE(mem.bytes(0, 0).has_value());
  EXPECT_FALSE(mem.bytes(0, 1).has_value());
}

}  // namespace
}  // namespace wasishim
