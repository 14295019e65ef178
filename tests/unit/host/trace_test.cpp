// --trace's text for one call, decoded from the generated descriptors: the
// expected lines are written here by hand from the format trace.h documents.
#include "wasi/trace.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

namespace wasishim {
namespace {

class Trace : public ::testing::Test {
 protected:
  Trace() : bytes_(0x1000), mem_(bytes_.data(), bytes_.size()) {}

  void put(uint32_t at, const std::string& text) { std::memcpy(&bytes_[at], text.data(), text.size()); }
  void put32(uint32_t at, uint32_t v) { std::memcpy(&bytes_[at], &v, sizeof v); }
  void put64(uint32_t at, uint64_t v) { std::memcpy(&bytes_[at], &v, sizeof v); }
  // An iovec at `at` over `len` bytes at `buf`.
  void iovec(uint32_t at, uint32_t buf, uint32_t len) {
    put32(at, buf);
    put32(at + 4, len);
  }

  std::vector<uint8_t> bytes_;
  GuestMemory mem_;
};

TEST_F(Trace, AWriteShowsTheBytesSentAndTheCountStored) {
  iovec(0x100, 0x200, 3);
  put(0x200, "hi\n");
  const uint64_t args[] = {1, 0x100, 1, 0x300};
  EXPECT_EQ(trace_call_text("fd_write", mem_, args),
            "[wasi] fd_write(fd=1, iovs=0x100 [\"hi\\n\"], iovs_len=1, nwritten=0x300)");
  put32(0x300, 3);
  EXPECT_EQ(trace_result_text("fd_write", mem_, args, 0), " = success [nwritten=3]");
}

TEST_F(Trace, AnOpenShowsThePathFlagsInHexAndTheDescriptorMade) {
  put(0x200, "victim");
  const uint64_t args[] = {3, 1, 0x200, 6, 9, 0x42, 0, 0, 0x300};
  EXPECT_EQ(trace_call_text("path_open", mem_, args),
            "[wasi] path_open(fd=3, dirflags=0x1, path=0x200 \"victim\", path_len=6, oflags=0x9, "
            "fs_rights_base=0x42, fs_rights_inheriting=0x0, fdflags=0x0, opened_fd=0x300)");
  put32(0x300, 5);
  EXPECT_EQ(trace_result_text("path_open", mem_, args, 0), " = success [opened_fd=5]");
  // A failed call stored nothing worth showing.
  EXPECT_EQ(trace_result_text("path_open", mem_, args, 44), " = noent");
  EXPECT_EQ(trace_result_text("path_open", mem_, args, 76, "denied by policy"),
            " = notcapable (denied by policy)");
}

TEST_F(Trace, AReadShowsTheFirstBufferOnlyWhenSomethingWasRead) {
  iovec(0x100, 0x200, 4);
  put(0x200, "ab\x01");
  const uint64_t args[] = {0, 0x100, 2, 0x300};
  EXPECT_EQ(trace_call_text("fd_read", mem_, args), "[wasi] fd_read(fd=0, iovs=0x100, iovs_len=2, nread=0x300)");
  put32(0x300, 3);
  EXPECT_EQ(trace_result_text("fd_read", mem_, args, 0),
            " = success [nread=3 [\"ab\\x01\\x00\", ...]]");
  put32(0x300, 0);
  EXPECT_EQ(trace_result_text("fd_read", mem_, args, 0), " = success [nread=0]");
}

TEST_F(Trace, WideResultsAreReadWhole) {
  const uint64_t args[] = {4, static_cast<uint64_t>(-5), 2, 0x300};
  EXPECT_EQ(trace_call_text("fd_seek", mem_, args),
            "[wasi] fd_seek(fd=4, offset=18446744073709551611, whence=2, newoffset=0x300)");
  put64(0x300, 0x100000005ull);
  EXPECT_EQ(trace_result_text("fd_seek", mem_, args, 0), " = success [newoffset=4294967301]");
}

TEST_F(Trace, TextFilledByTheHostIsShownAsMuchAsWasStored) {
  put(0x200, "dest-and-more");
  put(0x100, "l");
  const uint64_t args[] = {3, 0x100, 1, 0x200, 16, 0x300};
  put32(0x300, 4);
  EXPECT_EQ(trace_result_text("path_readlink", mem_, args, 0), " = success [bufused=4 \"dest\"]");
  // fd_prestat_dir_name returns no count: the whole buffer is the name.
  const uint64_t name_args[] = {3, 0x200, 4};
  EXPECT_EQ(trace_result_text("fd_prestat_dir_name", mem_, name_args, 0), " = success [\"dest\"]");
}

TEST_F(Trace, ACallThatEndedTheGuestSaysSo) {
  const uint64_t args[] = {3};
  EXPECT_EQ(trace_result_text("proc_exit", mem_, args, std::nullopt), " = (exit)");
  EXPECT_EQ(trace_result_text("proc_raise", mem_, args, std::nullopt), " = (guest stopped)");
}

TEST_F(Trace, PointersOutsideMemoryAreSaidSo) {
  const uint64_t args[] = {3, 0xfff0, 0x100};
  EXPECT_EQ(trace_call_text("path_create_directory", mem_, args),
            "[wasi] path_create_directory(fd=3, path=0xfff0 <out of bounds>, path_len=256)");
}

}  // namespace
}  // namespace wasishim
