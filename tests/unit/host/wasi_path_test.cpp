// path_* functions through WasiContext, under both resolvers.
#include <fcntl.h>
#include <sys/stat.h>

#include <utility>

#include <gtest/gtest.h>

#include "resolver_param.h"
#include "wasi_harness.h"

namespace wasishim::testing {
namespace {

namespace right = wasi::right;
namespace oflag = wasi::oflag;
constexpr uint64_t kRights = right::regular_file | right::directory;
constexpr uint32_t kFollow = wasi::lookupflag::symlink_follow;
using PathTest = PerResolver;

// Convenience wrappers: each takes guest paths as text.
struct P {
  Guest& g;
  Errno mkdir(std::string_view p) { auto a = g.path(p); return g.ctx().path_create_directory(g.mem(), kPreopen, a.ptr, a.len); }
  Errno unlink(std::string_view p) { auto a = g.path(p); return g.ctx().path_unlink_file(g.mem(), kPreopen, a.ptr, a.len); }
  Errno rmdir(std::string_view p) { auto a = g.path(p); return g.ctx().path_remove_directory(g.mem(), kPreopen, a.ptr, a.len); }
  Errno symlink(std::string_view target, std::string_view p) {
    auto t = g.path(target); auto a = g.path(p);
    return g.ctx().path_symlink(g.mem(), t.ptr, t.len, kPreopen, a.ptr, a.len);
  }
  Errno readlink(std::string_view p, uint32_t buf_len, std::string& out) {
    auto a = g.path(p); uint32_t buf = g.alloc(buf_len + 1), used = g.alloc(4);
    Errno e = g.ctx().path_readlink(g.mem(), kPreopen, a.ptr, a.len, buf, buf_len, used);
    if (e == Errno::success) out = g.text(buf, g.u32_at(used));
    return e;
  }
  Errno link(std::string_view from, std::string_view to, uint32_t flags = 0) {
    auto a = g.path(from); auto b = g.path(to);
    return g.ctx().path_link(g.mem(), kPreopen, flags, a.ptr, a.len, kPreopen, b.ptr, b.len);
  }
  Errno rename(std::string_view from, std::string_view to) {
    auto a = g.path(from); auto b = g.path(to);
    return g.ctx().path_rename(g.mem(), kPreopen, a.ptr, a.len, kPreopen, b.ptr, b.len);
  }
  Errno stat(std::string_view p, uint32_t flags, uint8_t* type = nullptr, uint64_t* ino = nullptr) {
    auto a = g.path(p); uint32_t out = g.alloc(64);
    Errno e = g.ctx().path_filestat_get(g.mem(), kPreopen, flags, a.ptr, a.len, out);
    if (e == Errno::success) {
      if (type) *type = g.u8_at(out + 16);
      if (ino) *ino = g.u64_at(out + 8);
    }
    return e;
  }
  Errno utimes(std::string_view p, uint32_t flags, uint64_t atim, uint64_t mtim, uint32_t fst) {
    auto a = g.path(p);
    return g.ctx().path_filestat_set_times(g.mem(), kPreopen, flags, a.ptr, a.len, atim, mtim, fst);
  }
};

TEST_P(PathTest, OpenCreateExclTruncDirectory) {
  Guest g;
  uint32_t fd;
  EXPECT_EQ(g.open("missing", 0, kRights, fd), Errno::noent);
  ASSERT_EQ(g.open("f", oflag::creat | oflag::excl, kRights, fd), Errno::success);
  EXPECT_TRUE(host_exists(g.host("f")));
  EXPECT_EQ(g.open("f", oflag::creat | oflag::excl, kRights, fd), Errno::exist);
  write_host_file(g.host("f"), "content");
  ASSERT_EQ(g.open("f", oflag::trunc, kRights, fd), Errno::success);
  EXPECT_EQ(read_host_file(g.host("f")), "");
  EXPECT_EQ(g.open("f", oflag::directory, kRights, fd), Errno::notdir);
  EXPECT_EQ(g.open("f/", 0, kRights, fd), Errno::notdir);
  ASSERT_EQ(::mkdir(g.host("d").c_str(), 0755), 0);
  ASSERT_EQ(g.open("d/", oflag::directory, kRights, fd), Errno::success);
  ASSERT_EQ(g.open("d/../d/./", 0, right::fd_readdir, fd), Errno::success);
  EXPECT_EQ(g.open("new/", oflag::creat, kRights, fd), Errno::isdir);
  EXPECT_FALSE(host_exists(g.host("new")));
  EXPECT_EQ(g.open("", 0, kRights, fd), Errno::noent);
  EXPECT_EQ(g.open("f", 1u << 4, kRights, fd), Errno::inval);
  EXPECT_EQ(g.open("f", 0, kRights, fd, kFollow, 1u << 5), Errno::inval);
  // Opening through a regular file as if it were a directory.
  EXPECT_EQ(g.open("f/x", 0, kRights, fd), Errno::notdir);
  uint32_t file_fd;
  ASSERT_EQ(g.open("f", 0, kRights, file_fd), Errno::success);
  EXPECT_EQ(g.open("x", 0, kRights, fd, kFollow, 0, file_fd), Errno::notdir);
  EXPECT_EQ(g.open("x", 0, kRights, fd, kFollow, 0, 42), Errno::badf);
  // Requesting rights the directory cannot pass on.
  EXPECT_EQ(g.open("f", 0, right::sock_accept, fd), Errno::notcapable);
}

TEST_P(PathTest, OpenSymlinks) {
  Guest g;
  write_host_file(g.host("target"), "T");
  ASSERT_EQ(::symlink("target", g.host("ln").c_str()), 0);
  ASSERT_EQ(::symlink("nowhere", g.host("dangling").c_str()), 0);
  ASSERT_EQ(::symlink("loop2", g.host("loop1").c_str()), 0);
  ASSERT_EQ(::symlink("loop1", g.host("loop2").c_str()), 0);
  ASSERT_EQ(::mkdir(g.host("d").c_str(), 0755), 0);
  ASSERT_EQ(::symlink("d", g.host("dl").c_str()), 0);
  uint32_t fd;
  ASSERT_EQ(g.open("ln", 0, kRights, fd), Errno::success);
  std::string got;
  ASSERT_EQ(g.read(fd, 10, got), Errno::success);
  EXPECT_EQ(got, "T");
  EXPECT_EQ(g.open("ln", 0, kRights, fd, 0), Errno::loop);  // O_NOFOLLOW
  EXPECT_EQ(g.open("dangling", 0, kRights, fd), Errno::noent);
  EXPECT_EQ(g.open("loop1", 0, kRights, fd), Errno::loop);
  EXPECT_EQ(g.open("loop1/x", 0, kRights, fd), Errno::loop);
  // Creating through a dangling symlink creates its target, inside.
  ASSERT_EQ(g.open("dangling", oflag::creat, kRights, fd), Errno::success);
  EXPECT_TRUE(host_exists(g.host("nowhere")));
  EXPECT_EQ(g.open("ln", oflag::creat | oflag::excl, kRights, fd), Errno::exist);
  // A symlinked intermediate directory, and a trailing slash through a link.
  write_host_file(g.host("d/inner"), "I");
  ASSERT_EQ(g.open("dl/inner", 0, kRights, fd, 0), Errno::success);
  ASSERT_EQ(g.open("dl/", oflag::directory, kRights, fd, 0), Errno::success);
  EXPECT_EQ(g.open("ln/", 0, kRights, fd, 0), Errno::notdir);
}

// Setting the size asks for a write access mode, which a directory cannot
// have: what the path names decides, and one lookup is enough to know it (the
// path is never resolved a second time to try another mode).
TEST_P(PathTest, OpenWithSizeRightTakesOneLookup) {
  Guest g;
  ASSERT_EQ(::mkdir(g.host("d").c_str(), 0755), 0);
  write_host_file(g.host("f"), "content");
  ASSERT_EQ(::mkfifo(g.host("fifo").c_str(), 0644), 0);
  ASSERT_EQ(::symlink("d", g.host("dl").c_str()), 0);
  const uint64_t rights = right::fd_read | right::fd_filestat_set_size;
  auto lookups_of = [&](std::string_view path, uint32_t dirflags, uint32_t& fd) {
    const unsigned long before = sandbox::resolution_count();
    Errno e = g.open(path, 0, rights, fd, dirflags);
    return std::pair{e, sandbox::resolution_count() - before};
  };
  auto host_access_mode = [&](uint32_t fd) {
    return fcntl(g.ctx().fds().get(fd)->host.get(), F_GETFL) & O_ACCMODE;
  };
  uint32_t fd;
  for (const char* dir : {"d", "d/", "d/..", "."}) {
    EXPECT_EQ(lookups_of(dir, kFollow, fd), std::pair(Errno::success, 1ul)) << dir;
    EXPECT_EQ(g.ctx().fds().get(fd)->type, wasi::Filetype::directory) << dir;
    EXPECT_EQ(host_access_mode(fd), O_RDONLY) << dir;
  }
  // Following a symlink looks its target up beneath the preopen in turn.
  ASSERT_EQ(g.open("dl", 0, rights, fd), Errno::success);
  EXPECT_EQ(host_access_mode(fd), O_RDONLY);
  EXPECT_EQ(lookups_of("f", kFollow, fd), std::pair(Errno::success, 1ul));
  EXPECT_EQ(host_access_mode(fd), O_RDWR);
  EXPECT_EQ(g.ctx().fd_filestat_set_size(g.mem(), fd, 3), Errno::success);
  EXPECT_EQ(read_host_file(g.host("f")), "con");
  // The kernel's answers stay the kernel's: a FIFO with no reader cannot be
  // opened for writing, a file is not a directory, a symlink is not followed
  // unless asked.
  EXPECT_EQ(g.open("fifo", 0, right::fd_filestat_set_size, fd), Errno::nxio);
  EXPECT_EQ(g.open("f/", 0, rights, fd), Errno::notdir);
  EXPECT_EQ(g.open("dl", 0, rights, fd, 0), Errno::loop);
  EXPECT_EQ(g.open("missing", 0, rights, fd), Errno::noent);
  // Creating or truncating needs the write access mode whatever the path names.
  EXPECT_EQ(g.open("d", wasi::oflag::creat, rights, fd), Errno::isdir);
  EXPECT_EQ(g.open("d", wasi::oflag::trunc, rights, fd), Errno::isdir);
}

// A trailing slash follows the last component; the lookup that follows it is
// the only one the call makes, whatever it then reports.
TEST_P(PathTest, TrailingSlashCallsTakeOneLookup) {
  Guest g;
  ASSERT_EQ(::mkdir(g.host("d").c_str(), 0755), 0);
  write_host_file(g.host("f"), "x");
  P p{g};
  auto lookups = [](auto call) {
    const unsigned long before = sandbox::resolution_count();
    Errno e = call();
    return std::pair{e, sandbox::resolution_count() - before};
  };
  std::string out;
  EXPECT_EQ(lookups([&] { return p.readlink("d/", 16, out); }), std::pair(Errno::inval, 1ul));
  EXPECT_EQ(lookups([&] { return p.readlink("f/", 16, out); }), std::pair(Errno::notdir, 1ul));
  EXPECT_EQ(lookups([&] { return p.link("d/", "x"); }), std::pair(Errno::perm, 1ul));
  EXPECT_EQ(lookups([&] { return p.link("f/", "x"); }), std::pair(Errno::notdir, 1ul));
  EXPECT_EQ(lookups([&] { return p.stat("f/", 0); }), std::pair(Errno::notdir, 1ul));
  EXPECT_EQ(lookups([&] { return p.utimes("d/", 0, 5, 5, wasi::fstflag::atim | wasi::fstflag::mtim); }),
            std::pair(Errno::success, 1ul));
}

TEST_P(PathTest, ReadOnlyPreopenWithholdsWriteRights) {
  Guest g(/*read_only=*/true);
  write_host_file(g.host("f"), "keep");
  uint32_t fd;
  ASSERT_EQ(g.open("f", 0, right::fd_read, fd), Errno::success);
  EXPECT_EQ(g.write(fd, "x"), Errno::notcapable);
  EXPECT_EQ(g.open("f", 0, right::fd_read | right::fd_write, fd), Errno::notcapable);
  EXPECT_EQ(g.open("new", oflag::creat, right::fd_read, fd), Errno::notcapable);
  EXPECT_EQ(g.open("f", oflag::trunc, right::fd_read, fd), Errno::notcapable);
  P p{g};
  EXPECT_EQ(p.mkdir("d"), Errno::notcapable);
  EXPECT_EQ(p.unlink("f"), Errno::notcapable);
  EXPECT_EQ(p.symlink("f", "l"), Errno::notcapable);
  EXPECT_EQ(p.rename("f", "g"), Errno::notcapable);
  EXPECT_EQ(p.link("f", "g"), Errno::notcapable);
  EXPECT_EQ(p.utimes("f", 0, 0, 0, wasi::fstflag::mtim_now), Errno::notcapable);
  EXPECT_EQ(read_host_file(g.host("f")), "keep");
  EXPECT_FALSE(host_exists(g.host("new")));
  EXPECT_FALSE(host_exists(g.host("d")));
  uint32_t st = g.alloc(24);
  ASSERT_EQ(g.ctx().fd_fdstat_get(g.mem(), kPreopen, st), Errno::success);
  EXPECT_EQ(g.u64_at(st + 8) & right::mutating, 0u);
  EXPECT_EQ(g.u64_at(st + 16) & right::mutating, 0u);
}

TEST_P(PathTest, CreateAndRemoveDirectory) {
  Guest g;
  P p{g};
  ASSERT_EQ(p.mkdir("a"), Errno::success);
  EXPECT_EQ(p.mkdir("a"), Errno::exist);
  ASSERT_EQ(p.mkdir("b/"), Errno::success);
  EXPECT_EQ(p.mkdir("x/y"), Errno::noent);
  EXPECT_EQ(p.mkdir("."), Errno::exist);
  write_host_file(g.host("a/f"), "x");
  EXPECT_EQ(p.rmdir("a"), Errno::notempty);
  EXPECT_EQ(p.rmdir("a/f"), Errno::notdir);
  EXPECT_EQ(p.rmdir("a/f/"), Errno::notdir);
  EXPECT_EQ(p.rmdir("."), Errno::inval);
  EXPECT_EQ(p.rmdir("nope"), Errno::noent);
  ASSERT_EQ(p.rmdir("b/"), Errno::success);
  EXPECT_FALSE(host_exists(g.host("b")));
  ASSERT_EQ(::symlink("a", g.host("la").c_str()), 0);
  EXPECT_EQ(p.rmdir("la"), Errno::notdir);   // never removes through a link
  EXPECT_EQ(p.rmdir("la/"), Errno::notdir);
  EXPECT_TRUE(host_exists(g.host("a")));
}

TEST_P(PathTest, UnlinkFile) {
  Guest g;
  P p{g};
  write_host_file(g.host("f"), "x");
  ASSERT_EQ(::mkdir(g.host("d").c_str(), 0755), 0);
  EXPECT_EQ(p.unlink("f/"), Errno::notdir);
  EXPECT_TRUE(host_exists(g.host("f")));
  EXPECT_EQ(p.unlink("d"), Errno::isdir);
  EXPECT_EQ(p.unlink("d/"), Errno::isdir);
  EXPECT_EQ(p.unlink("missing"), Errno::noent);
  ASSERT_EQ(p.unlink("f"), Errno::success);
  EXPECT_FALSE(host_exists(g.host("f")));
  // Unlinking a symlink removes the link, not its target.
  write_host_file(g.host("t"), "x");
  ASSERT_EQ(::symlink("t", g.host("l").c_str()), 0);
  ASSERT_EQ(p.unlink("l"), Errno::success);
  EXPECT_TRUE(host_exists(g.host("t")));
  EXPECT_FALSE(host_exists(g.host("l")));
}

TEST_P(PathTest, SymlinkAndReadlink) {
  Guest g;
  P p{g};
  ASSERT_EQ(p.symlink("some/target", "l"), Errno::success);
  char buf[64] = {};
  ASSERT_EQ(::readlink(g.host("l").c_str(), buf, sizeof buf), 11);
  EXPECT_STREQ(buf, "some/target");
  EXPECT_EQ(p.symlink("x", "l"), Errno::exist);
  EXPECT_EQ(p.symlink("/etc/passwd", "abs"), Errno::perm);
  EXPECT_FALSE(host_exists(g.host("abs")));
  EXPECT_EQ(p.symlink("", "empty"), Errno::noent);
  EXPECT_EQ(p.symlink("x", "dangling/"), Errno::noent);
  write_host_file(g.host("file"), "x");
  EXPECT_EQ(p.symlink("x", "file/"), Errno::exist);

  std::string out;
  ASSERT_EQ(p.readlink("l", 64, out), Errno::success);
  EXPECT_EQ(out, "some/target");
  ASSERT_EQ(p.readlink("l", 4, out), Errno::success);
  EXPECT_EQ(out, "some");  // truncated to the buffer
  ASSERT_EQ(p.readlink("l", 0, out), Errno::success);
  EXPECT_EQ(out, "");
  EXPECT_EQ(p.readlink("file", 64, out), Errno::inval);
  EXPECT_EQ(p.readlink("missing", 64, out), Errno::noent);
  ASSERT_EQ(::mkdir(g.host("d").c_str(), 0755), 0);
  ASSERT_EQ(::symlink("d", g.host("ld").c_str()), 0);
  ASSERT_EQ(::symlink("file", g.host("lf").c_str()), 0);
  EXPECT_EQ(p.readlink("ld/", 64, out), Errno::inval);
  EXPECT_EQ(p.readlink("lf/", 64, out), Errno::notdir);
}

TEST_P(PathTest, Link) {
  Guest g;
  P p{g};
  write_host_file(g.host("f"), "x");
  ASSERT_EQ(p.link("f", "g"), Errno::success);
  struct stat a {}, b {};
  ASSERT_EQ(::stat(g.host("f").c_str(), &a), 0);
  ASSERT_EQ(::stat(g.host("g").c_str(), &b), 0);
  EXPECT_EQ(a.st_ino, b.st_ino);
  EXPECT_EQ(a.st_nlink, 2u);
  EXPECT_EQ(p.link("f", "g"), Errno::exist);
  EXPECT_EQ(p.link("missing", "h"), Errno::noent);
  ASSERT_EQ(::mkdir(g.host("d").c_str(), 0755), 0);
  EXPECT_EQ(p.link("d", "d2"), Errno::perm);
  EXPECT_EQ(p.link("f/", "h"), Errno::notdir);
  ASSERT_EQ(::symlink("f", g.host("l").c_str()), 0);
  ASSERT_EQ(p.link("l", "l-itself"), Errno::success);
  struct stat ls {};
  ASSERT_EQ(::lstat(g.host("l-itself").c_str(), &ls), 0);
  EXPECT_TRUE(S_ISLNK(ls.st_mode));
  ASSERT_EQ(p.link("l", "l-target", kFollow), Errno::success);
  ASSERT_EQ(::lstat(g.host("l-target").c_str(), &ls), 0);
  EXPECT_TRUE(S_ISREG(ls.st_mode));
  EXPECT_EQ(ls.st_ino, a.st_ino);
  EXPECT_EQ(p.link("f", "h", 2), Errno::inval);
}

TEST_P(PathTest, Rename) {
  Guest g;
  P p{g};
  write_host_file(g.host("f"), "x");
  ASSERT_EQ(::mkdir(g.host("d").c_str(), 0755), 0);
  ASSERT_EQ(::mkdir(g.host("full").c_str(), 0755), 0);
  write_host_file(g.host("full/x"), "x");
  EXPECT_EQ(p.rename("f/", "g"), Errno::notdir);
  EXPECT_EQ(p.rename("f", "g/"), Errno::notdir);
  ASSERT_EQ(p.rename("f", "g"), Errno::success);
  EXPECT_EQ(read_host_file(g.host("g")), "x");
  EXPECT_FALSE(host_exists(g.host("f")));
  ASSERT_EQ(p.rename("d/", "e/"), Errno::success);
  EXPECT_TRUE(host_exists(g.host("e")));
  EXPECT_EQ(p.rename("e", "full"), Errno::notempty);
  EXPECT_EQ(p.rename("g", "full"), Errno::isdir);
  EXPECT_EQ(p.rename("e", "g"), Errno::notdir);
  EXPECT_EQ(p.rename("missing", "z"), Errno::noent);
  // Renaming a symlink moves the link itself.
  ASSERT_EQ(::symlink("g", g.host("l").c_str()), 0);
  ASSERT_EQ(p.rename("l", "l2"), Errno::success);
  char buf[8] = {};
  EXPECT_EQ(::readlink(g.host("l2").c_str(), buf, sizeof buf), 1);
}

TEST_P(PathTest, FilestatFollowAndNofollow) {
  Guest g;
  P p{g};
  write_host_file(g.host("f"), "12345");
  ASSERT_EQ(::symlink("f", g.host("l").c_str()), 0);
  ASSERT_EQ(::mkdir(g.host("d").c_str(), 0755), 0);
  struct stat host {};
  ASSERT_EQ(::stat(g.host("f").c_str(), &host), 0);
  uint8_t type = 0;
  uint64_t ino = 0;
  ASSERT_EQ(p.stat("l", 0, &type, &ino), Errno::success);
  EXPECT_EQ(type, static_cast<uint8_t>(wasi::Filetype::symbolic_link));
  EXPECT_NE(ino, host.st_ino);
  ASSERT_EQ(p.stat("l", kFollow, &type, &ino), Errno::success);
  EXPECT_EQ(type, static_cast<uint8_t>(wasi::Filetype::regular_file));
  EXPECT_EQ(ino, host.st_ino);
  EXPECT_EQ(p.stat("f/", 0), Errno::notdir);
  EXPECT_EQ(p.stat("l/", 0), Errno::notdir);
  ASSERT_EQ(p.stat("d/", 0, &type), Errno::success);
  EXPECT_EQ(type, static_cast<uint8_t>(wasi::Filetype::directory));
  ASSERT_EQ(p.stat(".", 0, &type), Errno::success);
  EXPECT_EQ(type, static_cast<uint8_t>(wasi::Filetype::directory));
  EXPECT_EQ(p.stat("missing", 0), Errno::noent);
}

TEST_P(PathTest, SetTimesFollowsOnlyWhenAsked) {
  Guest g;
  P p{g};
  write_host_file(g.host("f"), "x");
  ASSERT_EQ(::symlink("f", g.host("l").c_str()), 0);
  const uint64_t t1 = 1'000'000'000ull * 1'000'000'000ull;
  ASSERT_EQ(p.utimes("l", kFollow, 0, t1, wasi::fstflag::mtim), Errno::success);
  struct stat st {};
  ASSERT_EQ(::stat(g.host("f").c_str(), &st), 0);
  EXPECT_EQ(st.st_mtim.tv_sec, 1'000'000'000);
  const uint64_t t2 = 1'000'000'000ull * 1'100'000'000ull;
  ASSERT_EQ(p.utimes("l", 0, 0, t2, wasi::fstflag::mtim), Errno::success);
  ASSERT_EQ(::stat(g.host("f").c_str(), &st), 0);
  EXPECT_EQ(st.st_mtim.tv_sec, 1'000'000'000);  // target unchanged
  ASSERT_EQ(::lstat(g.host("l").c_str(), &st), 0);
  EXPECT_EQ(st.st_mtim.tv_sec, 1'100'000'000);  // the link itself
  EXPECT_EQ(p.utimes("f", 0, 0, 0, wasi::fstflag::atim | wasi::fstflag::atim_now), Errno::inval);
  EXPECT_EQ(p.utimes("f", 0, 0, 0, wasi::fstflag::mtim | wasi::fstflag::mtim_now), Errno::inval);
  EXPECT_EQ(p.utimes("f/", 0, 0, 0, wasi::fstflag::mtim_now), Errno::notdir);
  EXPECT_EQ(p.utimes("missing", 0, 0, 0, wasi::fstflag::mtim_now), Errno::noent);
}

TEST_P(PathTest, PathFunctionsOnNonDirectoryFd) {
  Guest g;
  uint32_t fd;
  ASSERT_EQ(g.open("f", oflag::creat, kRights, fd), Errno::success);
  auto a = g.path("x");
  EXPECT_EQ(g.ctx().path_create_directory(g.mem(), fd, a.ptr, a.len), Errno::notdir);
  EXPECT_EQ(g.ctx().path_unlink_file(g.mem(), fd, a.ptr, a.len), Errno::notdir);
  EXPECT_EQ(g.ctx().path_create_directory(g.mem(), 99, a.ptr, a.len), Errno::badf);
}

TEST_P(PathTest, InvalidPathText) {
  Guest g;
  P p{g};
  std::string with_nul("a\0b", 3);
  EXPECT_EQ(p.mkdir(with_nul), Errno::inval);
  EXPECT_EQ(p.mkdir("\xff\xfe"), Errno::ilseq);
  EXPECT_EQ(p.mkdir(""), Errno::noent);
  EXPECT_EQ(p.mkdir("caf\xc3\xa9"), Errno::success);  // valid UTF-8
  std::string deep;
  for (int i = 0; i < 3000; ++i) deep += "a/";
  uint32_t fd;
  EXPECT_EQ(g.open(deep, 0, kRights, fd), Errno::nametoolong);
  EXPECT_EQ(p.mkdir(deep + "x"), Errno::nametoolong);
}

WASISHIM_BOTH_RESOLVERS(PathTest);

}  // namespace
}  // namespace wasishim::testing
