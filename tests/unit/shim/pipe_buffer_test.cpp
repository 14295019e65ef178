#include "pipe_buffer.h"

#include <gtest/gtest.h>

#include <vector>

using wasishim::shim::pipe_atomic_size;
using wasishim::shim::pipe_buffer;
using wasishim::shim::pipe_capacity;

namespace {

struct Pipe : ::testing::Test {
  void SetUp() override { ASSERT_NE(p = pipe_buffer::create(), nullptr); }
  void TearDown() override { pipe_buffer::destroy(p); }
  pipe_buffer* p = nullptr;
};

TEST_F(Pipe, StartsEmptyWithOneReaderAndOneWriter) {
  EXPECT_EQ(p->available(), 0u);
  EXPECT_EQ(p->room(), pipe_capacity);
  EXPECT_EQ(p->readers, 1u);
  EXPECT_EQ(p->writers, 1u);
}

TEST_F(Pipe, BytesComeOutInOrderAcrossTheWrap) {
  std::vector<uint8_t> in(pipe_capacity - 10), out(pipe_capacity);
  for (size_t i = 0; i < in.size(); ++i) in[i] = uint8_t(i * 7);
  ASSERT_EQ(p->put(in.data(), in.size()), in.size());
  ASSERT_EQ(p->take(out.data(), in.size() - 100), in.size() - 100);
  // 100 bytes left at the end of the ring; 300 more wrap to its start.
  uint8_t more[300];
  for (size_t i = 0; i < sizeof more; ++i) more[i] = uint8_t(200 + i);
  ASSERT_EQ(p->put(more, sizeof more), sizeof more);
  EXPECT_EQ(p->available(), 400u);
  uint8_t got[400];
  ASSERT_EQ(p->take(got, sizeof got), sizeof got);
  for (size_t i = 0; i < 100; ++i) EXPECT_EQ(got[i], in[in.size() - 100 + i]) << i;
  for (size_t i = 0; i < 300; ++i) EXPECT_EQ(got[100 + i], more[i]) << i;
  EXPECT_EQ(p->available(), 0u);
}

TEST_F(Pipe, PutAndTakeStopAtCapacityAndAtWhatIsThere) {
  std::vector<uint8_t> big(pipe_capacity + 5, 1);
  EXPECT_EQ(p->put(big.data(), big.size()), pipe_capacity);
  EXPECT_EQ(p->room(), 0u);
  EXPECT_EQ(p->take(big.data(), 10), 10u);
  EXPECT_EQ(p->take(big.data(), big.size()), pipe_capacity - 10);
  EXPECT_EQ(p->take(big.data(), 1), 0u);
}

TEST_F(Pipe, SmallWritesAreWholeOrWaitLargeOnesSplit) {
  std::vector<uint8_t> fill(pipe_capacity - 100, 0);
  ASSERT_EQ(p->put(fill.data(), fill.size()), fill.size());
  EXPECT_EQ(p->acceptable(100), 100u);
  EXPECT_EQ(p->acceptable(101), 0u);                 // atomic: all or nothing
  EXPECT_EQ(p->acceptable(pipe_atomic_size), 0u);
  EXPECT_EQ(p->acceptable(pipe_atomic_size + 1), 100u);  // larger: what fits
  std::vector<uint8_t> rest(100, 0);
  ASSERT_EQ(p->put(rest.data(), rest.size()), 100u);
  EXPECT_EQ(p->acceptable(pipe_atomic_size + 1), 0u);
  EXPECT_EQ(p->acceptable(0), 0u);
}

TEST_F(Pipe, EachPipeHasItsOwnId) {
  pipe_buffer* q = pipe_buffer::create();
  ASSERT_NE(q, nullptr);
  EXPECT_NE(p->id, q->id);
  pipe_buffer::destroy(q);
}

}  // namespace
