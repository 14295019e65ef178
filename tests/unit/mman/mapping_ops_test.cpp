// mmap-emu's real mapping operations and hooks, natively, over the
// in-memory files of fake_wasi.h.
#include <gtest/gtest.h>
#include <sys/mman.h>

#include <cstring>
#include <string>
#include <unistd.h>
#include <vector>

#include "alias.h"
#include "coherence.h"
#include "exit_flush.h"
#include "fake_wasi.h"
#include "file_io.h"
#include "hooks.h"
#include "mapping_ops.h"
#include "registry.h"

namespace wasishim::mman {
namespace {

constexpr size_t P = kPage;

class MappingOps : public ::testing::Test {
 protected:
  void SetUp() override { fake::reset(); }
  void TearDown() override {
    fake::heap_ok();
    while (table.size() > 0) ASSERT_TRUE(unmap(table[0].addr, table[0].bytes).ok());
    for (size_t i = 0; i < files.size(); ++i) EXPECT_FALSE(files[i].in_use);
    EXPECT_EQ(region().free_bytes(), region().region_bytes());
  }

  // A file of `pages` pages of 'a' opened read-write; returns the fd.
  int rw_file(size_t pages, int* file = nullptr) {
    int f = fake::new_file(std::vector<uint8_t>(pages * P, 'a'));
    if (file) *file = f;
    return fake::open(f, true, true);
  }

  static uint8_t* map_shared(int fd, size_t pages, uint64_t offset = 0) {
    auto r = map(0, pages * P, PROT_READ | PROT_WRITE, MAP_SHARED, fd, int64_t(offset));
    EXPECT_TRUE(r.ok());
    return r.ok() ? at(*r) : nullptr;
  }
};

TEST_F(MappingOps, SharedStoresReachTheFileAtSync) {
  int file;
  int fd = rw_file(2, &file);
  uint8_t* m = map_shared(fd, 2);
  std::memcpy(m + 10, "hello", 5);
  std::memcpy(m + P + 1, "world", 5);
  EXPECT_EQ(fake::bytes_of(file)[10], 'a');
  ASSERT_TRUE(sync(uintptr_t(m), 2 * P, MS_SYNC).ok());
  EXPECT_EQ(std::memcmp(fake::bytes_of(file).data() + 10, "hello", 5), 0);
  EXPECT_EQ(std::memcmp(fake::bytes_of(file).data() + P + 1, "world", 5), 0);
  EXPECT_EQ(fake::state().pwrites, 2);
}

// Issue 10, item 1: fcntl(F_SETFL, O_APPEND) after mmap. Linux's pwrite on an
// append descriptor appends, so write-back must not go through append mode.
TEST_F(MappingOps, WriteBackNeverAppendsWhenTheDescriptorTurnedAppend) {
  int file;
  int fd = rw_file(2, &file);
  uint8_t* m = map_shared(fd, 2);
  std::memcpy(m + 100, "stored", 6);
  fake::state().fds[fd].append = true;  // the program's fcntl(F_SETFL, O_APPEND)
  ASSERT_TRUE(sync(uintptr_t(m), 2 * P, MS_SYNC).ok());
  auto& bytes = fake::bytes_of(file);
  EXPECT_EQ(bytes.size(), 2 * P);
  EXPECT_EQ(std::memcmp(bytes.data() + 100, "stored", 6), 0);
  EXPECT_TRUE(fake::state().fds[fd].append);  // the program's mode is given back
}

// Issue 10, item 7: when memory runs out while merging the copies of a page,
// the stores must stay, and write-back must not report success without them.
TEST_F(MappingOps, MergingWithoutMemoryKeepsTheStores) {
  int file;
  int fd = rw_file(1, &file);
  std::vector<uint8_t*> maps;
  // More mappings of one page than any list mmap-emu has grown so far.
  for (int i = 0; i < 40; ++i) maps.push_back(map_shared(fd, 1));
  maps[7][5] = 'X';
  fake::heap_fail();
  status r = sync(uintptr_t(maps[7]), P, MS_SYNC);
  fake::heap_ok();
  if (r.ok()) {
    EXPECT_EQ(fake::bytes_of(file)[5], 'X');
  } else {
    EXPECT_EQ(r.error(), errc::nomem);
    ASSERT_TRUE(sync(uintptr_t(maps[7]), P, MS_SYNC).ok());
    EXPECT_EQ(fake::bytes_of(file)[5], 'X');
  }
}

TEST_F(MappingOps, FailedWriteBackKeepsTheMappingAndRetries) {
  int file;
  int fd = rw_file(1, &file);
  uint8_t* m = map_shared(fd, 1);
  m[1] = 'Z';
  fake::state().fail_pwrite[1] = errc::nospc;
  status r = unmap(uintptr_t(m), P);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), errc::nospc);
  EXPECT_NE(table.find(uintptr_t(m)), nullptr);
  EXPECT_EQ(m[1], 'Z');
  ASSERT_TRUE(unmap(uintptr_t(m), P).ok());
  EXPECT_EQ(fake::bytes_of(file)[1], 'Z');
}

// Issue 10, item 6: a write that starts past the end of file leaves a hole
// that reads zero in the mappings, also over bytes stored past the old end.
TEST_F(MappingOps, AWritePastTheEndZeroesTheHoleInMappings) {
  int file = fake::new_file(std::vector<uint8_t>(10, 'a'));
  int fd = fake::open(file, true, true);
  uint8_t* m = map_shared(fd, 1);
  m[200] = 0xab;  // past the end of file
  const char x = 'x';
  ASSERT_TRUE(io::pwrite(uint32_t(fd), &x, 1, 1000).ok());
  after_write(fd, 1000, &x, 1);
  EXPECT_EQ(m[200], 0);
  EXPECT_EQ(m[1000], 'x');
  EXPECT_EQ(m[9], 'a');
}

// Issue 10, item 2: truncation by open(O_TRUNC) reaches mmap-emu as a resize
// to 0; stores made before it never come back over the file's new bytes.
TEST_F(MappingOps, StoresBeforeATruncationAreNeverWrittenLater) {
  int file;
  int fd = rw_file(1, &file);
  uint8_t* m = map_shared(fd, 1);
  m[100] = 'S';
  m[300] = 'T';
  fake::bytes_of(file).clear();  // open(O_TRUNC) by another descriptor
  after_resize(fd, 0);
  std::vector<uint8_t> fresh(P, 'n');
  ASSERT_TRUE(io::pwrite(uint32_t(fd), fresh.data(), P, 0).ok());
  after_write(fd, 0, fresh.data(), P);
  m[200] = 'U';
  ASSERT_TRUE(sync(uintptr_t(m), P, MS_SYNC).ok());
  auto& bytes = fake::bytes_of(file);
  EXPECT_EQ(bytes[100], 'n');
  EXPECT_EQ(bytes[300], 'n');
  EXPECT_EQ(bytes[200], 'U');
}

// Issue 10, item 4: fsync and fdatasync write back.
TEST_F(MappingOps, SyncOfTheDescriptorWritesBack) {
  int file;
  int fd = rw_file(1, &file);
  uint8_t* m = map_shared(fd, 1);
  m[7] = 'F';
  ASSERT_TRUE(before_sync(fd).ok());
  EXPECT_EQ(fake::bytes_of(file)[7], 'F');
}

TEST_F(MappingOps, ANestedSharedMappingIsAnAlias) {
  int file;
  int fd = rw_file(4, &file);
  uint8_t* outer = map_shared(fd, 4);
  uint8_t* inner = map_shared(fd, 2, P);
  EXPECT_EQ(inner, outer + P);
  ASSERT_TRUE(unmap(uintptr_t(outer), 4 * P).ok());
  inner[5] = 'I';  // the pages inner names are still mapped
  EXPECT_NE(table.find(uintptr_t(inner)), nullptr);
  EXPECT_EQ(table.find(uintptr_t(outer)), nullptr);
  ASSERT_TRUE(unmap(uintptr_t(inner), 2 * P).ok());
  EXPECT_EQ(fake::bytes_of(file)[P + 5], 'I');
  EXPECT_EQ(table.size(), 0u);
}

TEST_F(MappingOps, ReplacingAliasedMemoryIsRefused) {
  int fd = rw_file(2, nullptr);
  uint8_t* outer = map_shared(fd, 2);
  uint8_t* inner = map_shared(fd, 1);
  ASSERT_EQ(inner, outer);
  auto r = map(uintptr_t(outer), P, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), errc::nomem);
}

TEST_F(MappingOps, DifferentProtectionMakesACopyNotAnAlias) {
  int fd = rw_file(2, nullptr);
  uint8_t* outer = map_shared(fd, 2);
  auto ro = map(0, P, PROT_READ, MAP_SHARED, fd, 0);
  ASSERT_TRUE(ro.ok());
  EXPECT_NE(at(*ro), outer);
  outer[9] = 'V';
  ASSERT_TRUE(propagate().ok());
  EXPECT_EQ(at(*ro)[9], 'V');
}

// Issue 10, item 5, and the host's flush: run in a child process, since the
// exit flush runs once per program.
TEST_F(MappingOps, AFailedWriteBackAtExitIsReported) {
  EXPECT_EXIT(
      {
        int fd = rw_file(1, nullptr);
        uint8_t* m = map_shared(fd, 1);
        m[1] = 'x';
        fake::state().fail_pwrite[1] = errc::nospc;
        fake::state().fail_pwrite[2] = errc::nospc;
        status r = flush_at_exit();
        std::string text(fake::state().reported.begin(), fake::state().reported.end());
        bool said = text.find("could not be written back") != std::string::npos;
        bool once = flush_at_exit().ok();  // a second call does nothing
        _exit(!r.ok() && r.error() == errc::nospc && said && once ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

TEST_F(MappingOps, OneFailureAtExitIsRetried) {
  EXPECT_EXIT(
      {
        int file;
        int fd = rw_file(1, &file);
        uint8_t* m = map_shared(fd, 1);
        m[1] = 'x';
        fake::state().fail_pwrite[1] = errc::io;
        status r = flush_at_exit();
        _exit(r.ok() && fake::bytes_of(file)[1] == 'x' && fake::state().reported.empty() ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

TEST_F(MappingOps, TheHostsFlushRefusesWhileMmapEmuIsBusy) {
  EXPECT_EXIT(
      {
        int file;
        int fd = rw_file(1, &file);
        uint8_t* m = map_shared(fd, 1);
        m[1] = 'h';
        bool refused;
        {
          Busy inside;  // as if the guest had trapped inside an mmap-emu call
          status r = flush_for_host();
          refused = !r.ok() && r.error() == errc::busy && fake::bytes_of(file)[1] == 'a';
        }
        bool wrote = flush_for_host().ok() && fake::bytes_of(file)[1] == 'h';
        _exit(refused && wrote ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

// Found by the long differential run: bytes a shared mapping stored past the
// end of file, in the last page, show in every mapping of the page made or
// refilled later (Linux's page cache), and never reach the file.
TEST_F(MappingOps, StoresPastTheEndShowInLaterPrivateMappings) {
  int file = fake::new_file(std::vector<uint8_t>(P + 100, 'd'));
  int fd = fake::open(file, true, true);
  uint8_t* shared = map_shared(fd, 2);
  std::memcpy(shared + P + 500, "PAST", 4);

  auto last = map(0, P, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, int64_t(P));
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(at(*last)[99], 'd');
  EXPECT_EQ(std::memcmp(at(*last) + 500, "PAST", 4), 0);
  EXPECT_EQ(at(*last)[100], 0);  // past the end, never stored

  // MADV_DONTNEED refills the private page from the file and the shared bytes.
  std::memcpy(at(*last) + 500, "MINE", 4);
  std::memcpy(shared + P + 600, "MORE", 4);
  ASSERT_TRUE(advise(*last, P, MADV_DONTNEED).ok());
  EXPECT_EQ(std::memcmp(at(*last) + 500, "PAST", 4), 0);
  EXPECT_EQ(std::memcmp(at(*last) + 600, "MORE", 4), 0);

  // mremap growth of a private mapping onto the last page.
  auto first = map(0, P, PROT_READ, MAP_PRIVATE, fd, 0);
  ASSERT_TRUE(first.ok());
  auto grown = remap(*first, P, 2 * P, MREMAP_MAYMOVE, 0);
  ASSERT_TRUE(grown.ok());
  EXPECT_EQ(std::memcmp(at(*grown) + P + 500, "PAST", 4), 0);

  ASSERT_TRUE(sync(uintptr_t(shared), 2 * P, MS_SYNC).ok());
  EXPECT_EQ(fake::bytes_of(file).size(), P + 100);  // nothing past the end reached the file
}

}  // namespace
}  // namespace wasishim::mman
