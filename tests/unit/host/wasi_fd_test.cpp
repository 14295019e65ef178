// fd_* functions through WasiContext: success and error paths.
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "resolver_param.h"
#include "wasi_harness.h"

namespace wasishim::testing {
namespace {

namespace right = wasi::right;
constexpr uint64_t kRights = right::regular_file | right::directory;
using FdTest = PerResolver;

TEST_P(FdTest, WriteThenPreadAndSeekTell) {
  Guest g;
  uint32_t fd;
  ASSERT_EQ(g.open("f", wasi::oflag::creat, kRights, fd), Errno::success);
  ASSERT_EQ(g.write(fd, "hello world"), Errno::success);
  EXPECT_EQ(read_host_file(g.host("f")), "hello world");

  uint32_t buf = g.alloc(16), v = g.iov(buf, 5), n = g.alloc(4);
  ASSERT_EQ(g.ctx().fd_pread(g.mem(), fd, v, 1, 6, n), Errno::success);
  EXPECT_EQ(g.u32_at(n), 5u);
  EXPECT_EQ(g.text(buf, 5), "world");

  uint32_t pos = g.alloc(8);
  ASSERT_EQ(g.ctx().fd_tell(g.mem(), fd, pos), Errno::success);
  EXPECT_EQ(g.u64_at(pos), 11u);  // pread does not move the offset
  ASSERT_EQ(g.ctx().fd_seek(g.mem(), fd, static_cast<uint64_t>(-5), 1, pos), Errno::success);
  EXPECT_EQ(g.u64_at(pos), 6u);
  std::string got;
  ASSERT_EQ(g.read(fd, 100, got), Errno::success);
  EXPECT_EQ(got, "world");
  EXPECT_EQ(g.ctx().fd_seek(g.mem(), fd, 0, 3, pos), Errno::inval);
  EXPECT_EQ(g.ctx().fd_seek(g.mem(), fd, static_cast<uint64_t>(-100), 0, pos), Errno::inval);

  uint32_t wb = g.str("HELLO"), wv = g.iov(wb, 5);
  ASSERT_EQ(g.ctx().fd_pwrite(g.mem(), fd, wv, 1, 0, n), Errno::success);
  EXPECT_EQ(read_host_file(g.host("f")), "HELLO world");
}

TEST_P(FdTest, BadDescriptorsAndMissingRights) {
  Guest g;
  std::string got;
  EXPECT_EQ(g.read(99, 4, got), Errno::badf);
  EXPECT_EQ(g.write(99, "x"), Errno::badf);
  write_host_file(g.host("ro"), "data");
  uint32_t fd;
  ASSERT_EQ(g.open("ro", 0, right::fd_read, fd), Errno::success);
  EXPECT_EQ(g.write(fd, "x"), Errno::notcapable);
  uint32_t pos = g.alloc(8);
  EXPECT_EQ(g.ctx().fd_seek(g.mem(), fd, 1, 0, pos), Errno::notcapable);
  EXPECT_EQ(read_host_file(g.host("ro")), "data");
  // A directory cannot be read as a file (wasi_confinement_test.cpp).
  EXPECT_EQ(g.read(kPreopen, 4, got), Errno::badf);
}

TEST_P(FdTest, CloseAndRenumber) {
  Guest g;
  uint32_t a, b;
  write_host_file(g.host("a"), "AAA");
  write_host_file(g.host("b"), "BBB");
  ASSERT_EQ(g.open("a", 0, kRights, a), Errno::success);
  ASSERT_EQ(g.open("b", 0, kRights, b), Errno::success);
  ASSERT_NE(a, b);
  ASSERT_EQ(g.ctx().fd_renumber(g.mem(), a, b), Errno::success);
  std::string got;
  ASSERT_EQ(g.read(b, 10, got), Errno::success);
  EXPECT_EQ(got, "AAA");
  EXPECT_EQ(g.read(a, 10, got), Errno::badf);
  EXPECT_EQ(g.ctx().fd_renumber(g.mem(), a, b), Errno::badf);   // from closed
  EXPECT_EQ(g.ctx().fd_renumber(g.mem(), b, 77), Errno::badf);  // to closed
  EXPECT_EQ(g.ctx().fd_renumber(g.mem(), b, b), Errno::success);
  ASSERT_EQ(g.ctx().fd_close(g.mem(), b), Errno::success);
  EXPECT_EQ(g.ctx().fd_close(g.mem(), b), Errno::badf);
}

TEST_P(FdTest, FdstatSetFlagsAppendAndNonblock) {
  Guest g;
  write_host_file(g.host("log"), "0123");
  uint32_t fd;
  ASSERT_EQ(g.open("log", 0, kRights, fd), Errno::success);
  ASSERT_EQ(g.ctx().fd_fdstat_set_flags(g.mem(), fd, wasi::fdflag::append), Errno::success);
  ASSERT_EQ(g.write(fd, "ab"), Errno::success);  // offset 0, but append
  EXPECT_EQ(read_host_file(g.host("log")), "0123ab");
  uint32_t st = g.alloc(24);
  ASSERT_EQ(g.ctx().fd_fdstat_get(g.mem(), fd, st), Errno::success);
  EXPECT_EQ(g.u16_at(st + 2), wasi::fdflag::append);
  EXPECT_EQ(g.u8_at(st), static_cast<uint8_t>(wasi::Filetype::regular_file));

  ASSERT_EQ(g.ctx().fd_fdstat_set_flags(g.mem(), fd, wasi::fdflag::nonblock), Errno::success);
  ASSERT_EQ(g.ctx().fd_fdstat_get(g.mem(), fd, st), Errno::success);
  EXPECT_EQ(g.u16_at(st + 2), wasi::fdflag::nonblock);
  EXPECT_EQ(g.ctx().fd_fdstat_set_flags(g.mem(), fd, 1u << 7), Errno::inval);
  EXPECT_EQ(g.ctx().fd_fdstat_set_flags(g.mem(), fd, wasi::fdflag::sync), Errno::inval);
  EXPECT_EQ(g.ctx().fd_fdstat_set_flags(g.mem(), 99, 0), Errno::badf);
}

TEST_P(FdTest, SetRightsOnlyDrops) {
  Guest g;
  write_host_file(g.host("f"), "x");
  uint32_t fd;
  ASSERT_EQ(g.open("f", 0, right::fd_read | right::fd_seek, fd), Errno::success);
  EXPECT_EQ(g.ctx().fd_fdstat_set_rights(g.mem(), fd, right::fd_read | right::fd_write, 0),
            Errno::notcapable);
  ASSERT_EQ(g.ctx().fd_fdstat_set_rights(g.mem(), fd, right::fd_seek, 0), Errno::success);
  std::string got;
  EXPECT_EQ(g.read(fd, 1, got), Errno::notcapable);
  // Once dropped, a right cannot come back.
  EXPECT_EQ(g.ctx().fd_fdstat_set_rights(g.mem(), fd, right::fd_seek | right::fd_read, 0),
            Errno::notcapable);
  uint32_t st = g.alloc(24);
  ASSERT_EQ(g.ctx().fd_fdstat_get(g.mem(), fd, st), Errno::success);
  EXPECT_EQ(g.u64_at(st + 8), right::fd_seek);
  // Dropping path_open from the preopen stops opens through it.
  ASSERT_EQ(g.ctx().fd_fdstat_set_rights(g.mem(), kPreopen, right::fd_readdir, kRights), Errno::success);
  EXPECT_EQ(g.open("f", 0, right::fd_read, fd), Errno::notcapable);
}

TEST_P(FdTest, FilestatHasRealDevAndIno) {
  Guest g;
  write_host_file(g.host("f"), "12345");
  struct stat host {};
  ASSERT_EQ(stat(g.host("f").c_str(), &host), 0);
  uint32_t fd;
  ASSERT_EQ(g.open("f", 0, kRights, fd), Errno::success);
  uint32_t st = g.alloc(64);
  ASSERT_EQ(g.ctx().fd_filestat_get(g.mem(), fd, st), Errno::success);
  EXPECT_EQ(g.u64_at(st + 0), static_cast<uint64_t>(host.st_dev));
  EXPECT_EQ(g.u64_at(st + 8), static_cast<uint64_t>(host.st_ino));
  EXPECT_EQ(g.u8_at(st + 16), static_cast<uint8_t>(wasi::Filetype::regular_file));
  EXPECT_EQ(g.u64_at(st + 24), 1u);
  EXPECT_EQ(g.u64_at(st + 32), 5u);
  ASSERT_EQ(g.ctx().fd_filestat_get(g.mem(), kPreopen, st), Errno::success);
  EXPECT_EQ(g.u8_at(st + 16), static_cast<uint8_t>(wasi::Filetype::directory));
}

TEST_P(FdTest, SetSizeAndAllocate) {
  Guest g;
  write_host_file(g.host("f"), "0123456789");
  uint32_t fd;
  ASSERT_EQ(g.open("f", 0, kRights, fd), Errno::success);
  ASSERT_EQ(g.ctx().fd_filestat_set_size(g.mem(), fd, 4), Errno::success);
  EXPECT_EQ(read_host_file(g.host("f")), "0123");
  EXPECT_EQ(g.ctx().fd_filestat_set_size(g.mem(), fd, 1ull << 63), Errno::inval);
  ASSERT_EQ(g.ctx().fd_allocate(g.mem(), fd, 0, 100), Errno::success);
  EXPECT_EQ(fs::file_size(g.host("f")), 100u);
  EXPECT_EQ(g.ctx().fd_allocate(g.mem(), fd, 0, 0), Errno::inval);
  EXPECT_EQ(g.ctx().fd_allocate(g.mem(), fd, 1ull << 62, 1ull << 62), Errno::inval);
  uint32_t ro;
  ASSERT_EQ(g.open("f", 0, right::fd_read, ro), Errno::success);
  EXPECT_EQ(g.ctx().fd_filestat_set_size(g.mem(), ro, 1), Errno::notcapable);
  EXPECT_EQ(g.ctx().fd_allocate(g.mem(), ro, 0, 200), Errno::notcapable);
  EXPECT_EQ(fs::file_size(g.host("f")), 100u);
}

TEST_P(FdTest, SetTimes) {
  Guest g;
  write_host_file(g.host("f"), "x");
  uint32_t fd;
  ASSERT_EQ(g.open("f", 0, kRights, fd), Errno::success);
  const uint64_t t = 1'000'000'000ull * 1'500'000'000ull + 123;
  ASSERT_EQ(g.ctx().fd_filestat_set_times(g.mem(), fd, t, t + 1000, wasi::fstflag::atim | wasi::fstflag::mtim),
            Errno::success);
  struct stat st {};
  ASSERT_EQ(stat(g.host("f").c_str(), &st), 0);
  EXPECT_EQ(st.st_atim.tv_sec, 1'500'000'000);
  EXPECT_EQ(st.st_atim.tv_nsec, 123);
  EXPECT_EQ(st.st_mtim.tv_nsec, 1123);
  EXPECT_EQ(g.ctx().fd_filestat_set_times(g.mem(), fd, 0, 0, wasi::fstflag::atim | wasi::fstflag::atim_now),
            Errno::inval);
  EXPECT_EQ(g.ctx().fd_filestat_set_times(g.mem(), fd, 0, 0, wasi::fstflag::mtim | wasi::fstflag::mtim_now),
            Errno::inval);
  EXPECT_EQ(g.ctx().fd_filestat_set_times(g.mem(), fd, 0, 0, 1u << 4), Errno::inval);
  // Only mtim now: atim stays.
  ASSERT_EQ(g.ctx().fd_filestat_set_times(g.mem(), fd, 0, 0, wasi::fstflag::mtim_now), Errno::success);
  ASSERT_EQ(stat(g.host("f").c_str(), &st), 0);
  EXPECT_EQ(st.st_atim.tv_sec, 1'500'000'000);
  EXPECT_GT(st.st_mtim.tv_sec, 1'600'000'000);
}

TEST_P(FdTest, SyncAdvise) {
  Guest g;
  uint32_t fd;
  ASSERT_EQ(g.open("f", wasi::oflag::creat, kRights, fd), Errno::success);
  EXPECT_EQ(g.ctx().fd_sync(g.mem(), fd), Errno::success);
  EXPECT_EQ(g.ctx().fd_datasync(g.mem(), fd), Errno::success);
  EXPECT_EQ(g.ctx().fd_sync(g.mem(), 99), Errno::badf);
  EXPECT_EQ(g.ctx().fd_advise(g.mem(), fd, 0, 10, 2), Errno::success);
  EXPECT_EQ(g.ctx().fd_advise(g.mem(), fd, 0, 10, 6), Errno::inval);
  EXPECT_EQ(g.ctx().fd_advise(g.mem(), 99, 0, 10, 0), Errno::badf);
  uint32_t ro;
  ASSERT_EQ(g.open("f", 0, right::fd_read, ro), Errno::success);
  EXPECT_EQ(g.ctx().fd_datasync(g.mem(), ro), Errno::notcapable);
  EXPECT_EQ(g.ctx().fd_advise(g.mem(), ro, 0, 0, 0), Errno::notcapable);
}

TEST_P(FdTest, PrestatAndDirName) {
  Guest g;
  uint32_t ps = g.alloc(8);
  ASSERT_EQ(g.ctx().fd_prestat_get(g.mem(), kPreopen, ps), Errno::success);
  EXPECT_EQ(g.u8_at(ps), 0);
  EXPECT_EQ(g.u32_at(ps + 4), 8u);
  uint32_t name = g.alloc(8);
  ASSERT_EQ(g.ctx().fd_prestat_dir_name(g.mem(), kPreopen, name, 8), Errno::success);
  EXPECT_EQ(g.text(name, 8), "/sandbox");
  EXPECT_EQ(g.ctx().fd_prestat_dir_name(g.mem(), kPreopen, name, 7), Errno::nametoolong);
  EXPECT_EQ(g.ctx().fd_prestat_get(g.mem(), 4, ps), Errno::badf);
  uint32_t fd;
  ASSERT_EQ(g.open("f", wasi::oflag::creat, kRights, fd), Errno::success);
  EXPECT_EQ(g.ctx().fd_prestat_get(g.mem(), fd, ps), Errno::badf);
}

// Reads every entry of a directory through fd_readdir with a given buffer
// size, resuming by cookie; returns name -> (ino, type).
struct Listing {
  std::map<std::string, std::pair<uint64_t, uint8_t>> entries;
  int duplicates = 0;
};
Listing list_dir(Guest& g, uint32_t fd, uint32_t buf_len) {
  Listing out;
  uint32_t buf = g.alloc(buf_len), used = g.alloc(4);
  uint64_t cookie = 0;
  for (int rounds = 0; rounds < 10000; ++rounds) {
    EXPECT_EQ(g.ctx().fd_readdir(g.mem(), fd, buf, buf_len, cookie, used), Errno::success);
    uint32_t n = g.u32_at(used);
    uint32_t off = 0;
    bool progressed = false;
    while (off + 24 <= n) {
      uint32_t namlen = g.u32_at(buf + off + 16);
      if (off + 24 + namlen > n) break;  // a partial entry: ask again from cookie
      std::string name = g.text(buf + off + 24, namlen);
      if (!out.entries.emplace(name, std::make_pair(g.u64_at(buf + off + 8), g.u8_at(buf + off + 20))).second)
        ++out.duplicates;
      cookie = g.u64_at(buf + off);
      off += 24 + namlen;
      progressed = true;
    }
    if (n < buf_len) break;  // end of directory
    if (!progressed) {
      ADD_FAILURE() << "buffer of " << buf_len << " bytes holds no whole entry";
      break;
    }
  }
  return out;
}

TEST_P(FdTest, ReaddirListsEveryEntryOnceWithInoAndType) {
  Guest g;
  std::set<std::string> expected = {".", ".."};
  for (int i = 0; i < 40; ++i) {
    std::string n = "file-with-a-longish-name-" + std::to_string(i);
    write_host_file(g.host(n), "x");
    expected.insert(n);
  }
  ASSERT_EQ(mkdir(g.host("sub").c_str(), 0755), 0);
  ASSERT_EQ(symlink("file-with-a-longish-name-0", g.host("ln").c_str()), 0);
  expected.insert("sub");
  expected.insert("ln");
  for (uint32_t buf_len : {4096u, 100u, 64u}) {
    Listing l = list_dir(g, kPreopen, buf_len);
    EXPECT_EQ(l.duplicates, 0) << buf_len;
    std::set<std::string> names;
    for (auto& [n, _] : l.entries) names.insert(n);
    EXPECT_EQ(names, expected) << buf_len;
    struct stat st {};
    ASSERT_EQ(lstat(g.host("file-with-a-longish-name-7").c_str(), &st), 0);
    EXPECT_EQ(l.entries["file-with-a-longish-name-7"].first, st.st_ino);
    EXPECT_EQ(l.entries["file-with-a-longish-name-7"].second, static_cast<uint8_t>(wasi::Filetype::regular_file));
    EXPECT_EQ(l.entries["sub"].second, static_cast<uint8_t>(wasi::Filetype::directory));
    EXPECT_EQ(l.entries["ln"].second, static_cast<uint8_t>(wasi::Filetype::symbolic_link));
    ASSERT_EQ(lstat(g.root().c_str(), &st), 0);
    EXPECT_EQ(l.entries["."].first, st.st_ino);
  }
}

TEST_P(FdTest, ReaddirShortBufferIsFilledCompletely) {
  Guest g;
  write_host_file(g.host("abcdef"), "x");
  uint32_t buf = g.alloc(64), used = g.alloc(4);
  for (uint32_t len : {0u, 1u, 10u, 24u, 25u}) {
    std::memset(g.raw() + buf, 0xee, 64);
    ASSERT_EQ(g.ctx().fd_readdir(g.mem(), kPreopen, buf, len, 0, used), Errno::success);
    EXPECT_EQ(g.u32_at(used), len);  // a full buffer means "there may be more"
    EXPECT_EQ(g.u8_at(buf + len), 0xee) << "wrote past the buffer of " << len;
  }
}

TEST_P(FdTest, ReaddirErrors) {
  Guest g;
  uint32_t fd;
  ASSERT_EQ(g.open("f", wasi::oflag::creat, kRights, fd), Errno::success);
  uint32_t buf = g.alloc(64), used = g.alloc(4);
  EXPECT_EQ(g.ctx().fd_readdir(g.mem(), fd, buf, 64, 0, used), Errno::notdir);
  EXPECT_EQ(g.ctx().fd_readdir(g.mem(), 99, buf, 64, 0, used), Errno::badf);
  EXPECT_EQ(g.ctx().fd_readdir(g.mem(), kPreopen, kMemSize - 10, 64, 0, used), Errno::fault);
  EXPECT_EQ(g.ctx().fd_readdir(g.mem(), kPreopen, buf, 64, 0, kMemSize), Errno::fault);
}

TEST_P(FdTest, ReaddirOnReopenedSubdirectory) {
  Guest g;
  ASSERT_EQ(mkdir(g.host("d").c_str(), 0755), 0);
  write_host_file(g.host("d/inner"), "x");
  uint32_t fd;
  ASSERT_EQ(g.open("d", wasi::oflag::directory, kRights, fd), Errno::success);
  Listing l = list_dir(g, fd, 256);
  EXPECT_EQ(l.entries.size(), 3u);
  EXPECT_TRUE(l.entries.count("inner"));
}

WASISHIM_BOTH_RESOLVERS(FdTest);

}  // namespace
}  // namespace wasishim::testing
