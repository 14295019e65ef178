// What a guest can reach and hold beyond the escape battery's paths, under
// both resolvers: read-only preopens never open a host file for writing; a
// FIFO never blocks the host; the top of the tree hides its host parent;
// symlink targets cannot climb above the tree; the manual resolver holds a
// bounded number of descriptors; a directory is not a file.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <string>

#include "resolver_param.h"
#include "wasi_harness.h"

namespace wasishim::testing {
namespace {

namespace right = wasi::right;
namespace oflag = wasi::oflag;
namespace fdflag = wasi::fdflag;
constexpr uint64_t kRights = right::regular_file | right::directory;
constexpr uint32_t kFollow = wasi::lookupflag::symlink_follow;
using Confinement = PerResolver;

int host_fd(Guest& g, uint32_t fd) {
  auto e = g.ctx().fds().get(fd);
  return e ? e->host.get() : -1;
}

// Every combination of the rights that decide an access mode, fdflags and
// oflags, on a file and a directory beneath a read-only preopen: whatever
// opens is open read-only on the host.
TEST_P(Confinement, ReadOnlyPreopenNeverOpensHostFilesForWriting) {
  Guest g(/*read_only=*/true);
  write_host_file(g.host("f"), "keep");
  ASSERT_EQ(mkdir(g.host("d").c_str(), 0755), 0);
  const uint64_t bits[] = {right::fd_read, right::fd_write, right::fd_allocate,
                           right::fd_filestat_set_size, right::fd_readdir};
  const uint32_t out = g.alloc(4);
  int opened = 0, with_append = 0;
  for (const char* name : {"f", "d"}) {
    const auto p = g.path(name);
    for (unsigned r = 0; r < 32; ++r) {
      uint64_t rights = 0;
      for (unsigned b = 0; b < 5; ++b)
        if (r & (1u << b)) rights |= bits[b];
      for (uint32_t fdflags = 0; fdflags <= fdflag::all; ++fdflags) {
        for (uint32_t oflags = 0; oflags <= oflag::all; ++oflags) {
          Errno e = g.ctx().path_open(g.mem(), kPreopen, kFollow, p.ptr, p.len, oflags, rights,
                                      rights, fdflags, out);
          if (e != Errno::success) continue;
          const uint32_t fd = g.u32_at(out);
          const int fl = fcntl(host_fd(g, fd), F_GETFL);
          ASSERT_GE(fl, 0);
          EXPECT_EQ(fl & O_ACCMODE, O_RDONLY)
              << name << " rights " << rights << " fdflags " << fdflags << " oflags " << oflags;
          ++opened;
          if (fdflags & fdflag::append) ++with_append;
          ASSERT_EQ(g.ctx().fd_close(g.mem(), fd), Errno::success);
        }
      }
    }
  }
  // The loop did open things (read rights only, no CREAT or TRUNC: 768
  // combinations), half of them with APPEND.
  EXPECT_GE(opened, 768);
  EXPECT_GE(with_append, 384);
  EXPECT_EQ(read_host_file(g.host("f")), "keep");
}

// Runs `open` on another thread; if it has not returned after a long grace
// period, `unblock` is called so the test can end, and the open counts as
// having blocked.
template <class Open, class Unblock>
std::optional<Errno> open_without_blocking(Open open, Unblock unblock) {
  auto done = std::async(std::launch::async, open);
  if (done.wait_for(std::chrono::seconds(10)) == std::future_status::ready) return done.get();
  unblock();
  done.wait();
  return std::nullopt;
}

TEST_P(Confinement, OpeningAFifoNeverBlocksTheHost) {
  Guest g;
  const std::string fifo = g.host("fifo");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0644), 0);
  uint32_t reader = 0;
  auto r = open_without_blocking([&] { return g.open("fifo", 0, right::fd_read, reader); },
                                 [&] { close(open(fifo.c_str(), O_WRONLY | O_NONBLOCK)); });
  ASSERT_TRUE(r.has_value()) << "path_open of a FIFO for reading blocked the host thread";
  ASSERT_EQ(*r, Errno::success);
  // The guest did not ask for NONBLOCK, so it has a blocking descriptor,
  // which reads what a writer sends.
  EXPECT_EQ(fcntl(host_fd(g, reader), F_GETFL) & O_NONBLOCK, 0);
  int writer = open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
  ASSERT_GE(writer, 0);
  ASSERT_EQ(write(writer, "hi", 2), 2);
  std::string got;
  ASSERT_EQ(g.read(reader, 8, got), Errno::success);
  EXPECT_EQ(got, "hi");
  close(writer);
  ASSERT_EQ(g.ctx().fd_close(g.mem(), reader), Errno::success);

  // Writing with no reader: nxio at once, where Linux would wait.
  uint32_t w = 0;
  auto wr = open_without_blocking([&] { return g.open("fifo", 0, right::fd_write, w); },
                                  [&] { close(open(fifo.c_str(), O_RDONLY | O_NONBLOCK)); });
  ASSERT_TRUE(wr.has_value()) << "path_open of a FIFO for writing blocked the host thread";
  EXPECT_EQ(*wr, Errno::nxio);
  // An explicit NONBLOCK is kept.
  ASSERT_EQ(g.open("fifo", 0, right::fd_read, reader, kFollow, fdflag::nonblock), Errno::success);
  EXPECT_NE(fcntl(host_fd(g, reader), F_GETFL) & O_NONBLOCK, 0);
}

// The inode fd_readdir reports for "..".
uint64_t parent_entry_ino(Guest& g, uint32_t fd) {
  const uint32_t buf = g.alloc(4096), used = g.alloc(4);
  EXPECT_EQ(g.ctx().fd_readdir(g.mem(), fd, buf, 4096, 0, used), Errno::success);
  const uint32_t n = g.u32_at(used);
  for (uint32_t off = 0; off + 24 <= n;) {
    const uint32_t namlen = g.u32_at(buf + off + 16);
    if (g.text(buf + off + 24, namlen) == "..") return g.u64_at(buf + off + 8);
    off += 24 + namlen;
  }
  ADD_FAILURE() << "no '..' entry";
  return 0;
}

TEST_P(Confinement, ReaddirAtTheTopHidesTheHostParent) {
  Guest g;
  ASSERT_EQ(mkdir(g.host("sub").c_str(), 0755), 0);
  struct stat top {}, host_parent {};
  ASSERT_EQ(stat(g.root().c_str(), &top), 0);
  ASSERT_EQ(stat((g.root() + "/..").c_str(), &host_parent), 0);
  ASSERT_NE(top.st_ino, host_parent.st_ino);
  // The preopen, and the same directory reached again as "." and "sub/..".
  uint32_t dot, via_sub, sub;
  ASSERT_EQ(g.open(".", oflag::directory, kRights, dot), Errno::success);
  ASSERT_EQ(g.open("sub/..", oflag::directory, kRights, via_sub), Errno::success);
  for (uint32_t fd : {uint32_t{kPreopen}, dot, via_sub}) {
    EXPECT_EQ(parent_entry_ino(g, fd), top.st_ino) << "fd " << fd;
  }
  // Below the top, ".." is the real parent, inside the tree.
  ASSERT_EQ(g.open("sub", oflag::directory, kRights, sub), Errno::success);
  EXPECT_EQ(parent_entry_ino(g, sub), top.st_ino);
}

Errno make_symlink(Guest& g, uint32_t dir, std::string_view target, std::string_view link) {
  auto t = g.path(target);
  auto l = g.path(link);
  return g.ctx().path_symlink(g.mem(), t.ptr, t.len, dir, l.ptr, l.len);
}

TEST_P(Confinement, SymlinkTargetsCannotClimbAboveTheTree) {
  Guest g;
  ASSERT_EQ(mkdir(g.host("sub").c_str(), 0755), 0);
  ASSERT_EQ(mkdir(g.host("sub/deeper").c_str(), 0755), 0);
  ASSERT_EQ(symlink("sub/deeper", g.host("to_deeper").c_str()), 0);
  struct Case {
    const char* target;
    const char* link;
    Errno want;
  };
  const Case cases[] = {
      {"..", "l1", Errno::notcapable},
      {"../outside", "l2", Errno::notcapable},
      {"./../outside", "l3", Errno::notcapable},
      {"a/../../outside", "l4", Errno::notcapable},
      {"sub/../..", "l5", Errno::notcapable},
      {"../../outside", "sub/l6", Errno::notcapable},
      {"../outside", "sub/l7", Errno::success},  // lands at the top of the tree
      {"..", "sub/l8", Errno::success},
      {"a/b/../../c", "l9", Errno::success},
      {"sub/deeper/../..", "l10", Errno::success},
      // Judged from the link's own directory, reached through a symlink:
      // to_deeper is sub/deeper, two levels down.
      {"../../x", "to_deeper/l11", Errno::success},
      {"../../../x", "to_deeper/l12", Errno::notcapable},
      {"/etc/passwd", "l13", Errno::perm},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(make_symlink(g, kPreopen, c.target, c.link), c.want) << c.target << " at " << c.link;
    EXPECT_EQ(host_exists(g.host(c.link)), c.want == Errno::success) << c.link;
  }
  // From a subdirectory's descriptor, the tree is still the preopen's.
  uint32_t sub;
  ASSERT_EQ(g.open("sub", oflag::directory, kRights, sub), Errno::success);
  EXPECT_EQ(make_symlink(g, sub, "../x", "l14"), Errno::success);
  EXPECT_EQ(make_symlink(g, sub, "../../x", "l15"), Errno::notcapable);
  EXPECT_FALSE(host_exists(g.host("sub/l15")));
}

size_t open_descriptor_count() {
  size_t n = 0;
  for ([[maybe_unused]] auto& e : std::filesystem::directory_iterator("/proc/self/fd")) ++n;
  return n;
}

// A soft RLIMIT_NOFILE a little above what the process holds, for a scope.
class FewDescriptors {
 public:
  explicit FewDescriptors(size_t spare) {
    getrlimit(RLIMIT_NOFILE, &saved_);
    rlimit lower = saved_;
    lower.rlim_cur = open_descriptor_count() + spare;
    ok_ = setrlimit(RLIMIT_NOFILE, &lower) == 0;
  }
  ~FewDescriptors() { setrlimit(RLIMIT_NOFILE, &saved_); }
  bool ok() const { return ok_; }

 private:
  rlimit saved_{};
  bool ok_ = false;
};

TEST_P(Confinement, DeepPathsNeedFewDescriptors) {
  Guest g;
  // 700 nested directories, with a side branch at depth 10.
  constexpr int kDepth = 700;
  std::string rel;
  for (int i = 0; i < kDepth; ++i) {
    rel += i ? "/d" : "d";
    ASSERT_EQ(mkdir(g.host(rel).c_str(), 0755), 0) << i;
    if (i == 9) {
      ASSERT_EQ(mkdir(g.host(rel + "/side").c_str(), 0755), 0);
      write_host_file(g.host(rel + "/side/g"), "side");
    }
  }
  write_host_file(g.host(rel + "/f"), "bottom");
  std::string back_up;
  for (int i = 0; i < kDepth - 10; ++i) back_up += "/..";
  // Through a symlink as well: the budget of 40 links multiplies the depth.
  ASSERT_EQ(symlink(rel.c_str(), g.host("deep").c_str()), 0);

  FewDescriptors limit(48);
  ASSERT_TRUE(limit.ok());
  uint32_t fd;
  std::string got;
  ASSERT_EQ(g.open(rel + "/f", 0, right::fd_read, fd), Errno::success);
  ASSERT_EQ(g.read(fd, 16, got), Errno::success);
  EXPECT_EQ(got, "bottom");
  ASSERT_EQ(g.ctx().fd_close(g.mem(), fd), Errno::success);
  // Down to the bottom, back up to depth 10 by "..", into the side branch.
  ASSERT_EQ(g.open(rel + back_up + "/side/g", 0, right::fd_read, fd), Errno::success);
  ASSERT_EQ(g.read(fd, 16, got), Errno::success);
  EXPECT_EQ(got, "side");
  ASSERT_EQ(g.ctx().fd_close(g.mem(), fd), Errno::success);
  ASSERT_EQ(g.open("deep" + back_up + "/side/g", 0, right::fd_read, fd), Errno::success);
  ASSERT_EQ(g.ctx().fd_close(g.mem(), fd), Errno::success);
  // Climbing out of the tree from the bottom is still refused.
  std::string out = rel;
  for (int i = 0; i <= kDepth; ++i) out += "/..";
  EXPECT_EQ(g.open(out + "/x", 0, right::fd_read, fd), Errno::notcapable);
}

TEST_P(Confinement, ADirectoryIsNotAFile) {
  Guest g;
  ASSERT_EQ(mkdir(g.host("sub").c_str(), 0755), 0);
  uint32_t sub;
  // Asking for every right: a directory keeps only a directory's.
  ASSERT_EQ(g.open("sub", oflag::directory, kRights, sub), Errno::success);
  const uint32_t buf = g.alloc(8), v = g.iov(buf, 8), n = g.alloc(8);
  for (uint32_t fd : {uint32_t{kPreopen}, sub}) {
    EXPECT_EQ(g.ctx().fd_read(g.mem(), fd, v, 1, n), Errno::badf) << fd;
    EXPECT_EQ(g.ctx().fd_pread(g.mem(), fd, v, 1, 0, n), Errno::badf) << fd;
    EXPECT_EQ(g.ctx().fd_write(g.mem(), fd, v, 1, n), Errno::badf) << fd;
    EXPECT_EQ(g.ctx().fd_pwrite(g.mem(), fd, v, 1, 0, n), Errno::badf) << fd;
    EXPECT_EQ(g.ctx().fd_seek(g.mem(), fd, 0, 0, n), Errno::badf) << fd;
    EXPECT_EQ(g.ctx().fd_seek(g.mem(), fd, 0, 1, n), Errno::badf) << fd;
    EXPECT_EQ(g.ctx().fd_tell(g.mem(), fd, n), Errno::badf) << fd;
  }
}

TEST_P(Confinement, SockShutdownOnADescriptorNotOpenIsBadf) {
  Guest g;
  uint32_t fd;
  ASSERT_EQ(g.open("f", oflag::creat, kRights, fd), Errno::success);
  ASSERT_EQ(g.ctx().fd_close(g.mem(), fd), Errno::success);
  for (uint32_t bad : {fd, 99u, 0xffffffffu}) {
    for (uint32_t how : {0u, 1u, 2u, 3u, 4u}) {
      EXPECT_EQ(g.ctx().sock_shutdown(g.mem(), bad, how), Errno::badf) << bad << " " << how;
    }
  }
}

WASISHIM_BOTH_RESOLVERS(Confinement);

}  // namespace
}  // namespace wasishim::testing
