// The sandbox speaks host errno, and the WASI layer maps it once: a lookup
// leaving the tree is the sandbox's kEscapes, which alone becomes notcapable,
// while the kernel's own EXDEV (a rename across file systems) stays xdev.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>

#include <gtest/gtest.h>

#include "resolver_param.h"
#include "sandbox/resolve.h"
#include "wasi/errno_map.h"

namespace wasishim::testing {
namespace {

class SandboxErrors : public PerResolver {
 protected:
  void SetUp() override {
    PerResolver::SetUp();
    char tmpl[] = "/tmp/wasishim-sandbox-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    root_ = tmpl;
    ASSERT_EQ(mkdir((root_ + "/top").c_str(), 0755), 0);
    ASSERT_EQ(mkdir((root_ + "/top/a").c_str(), 0755), 0);
    ASSERT_EQ(symlink("/etc", (root_ + "/top/abs").c_str()), 0);
    ASSERT_EQ(symlink("../..", (root_ + "/top/up").c_str()), 0);
    dir_ = open((root_ + "/top").c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    ASSERT_GE(dir_, 0);
  }
  void TearDown() override {
    close(dir_);
    std::system(("rm -rf " + root_).c_str());
    PerResolver::TearDown();
  }
  int open_error(const char* path) {
    return sandbox::open_beneath(dir_, path, O_RDONLY, 0, true).error;
  }
  std::string root_;
  int dir_ = -1;
};

TEST_P(SandboxErrors, EscapesAreKEscapes) {
  EXPECT_EQ(open_error(".."), sandbox::kEscapes);
  EXPECT_EQ(open_error("a/../../top"), sandbox::kEscapes);
  EXPECT_EQ(open_error("/etc/passwd"), sandbox::kEscapes);
  EXPECT_EQ(open_error("abs/passwd"), sandbox::kEscapes);
  EXPECT_EQ(open_error("up/etc"), sandbox::kEscapes);
  EXPECT_EQ(sandbox::open_parent_beneath(dir_, "../x").error, sandbox::kEscapes);
}

TEST_P(SandboxErrors, OtherFailuresAreTheKernelsErrno) {
  EXPECT_EQ(open_error("missing"), ENOENT);
  EXPECT_EQ(open_error(""), ENOENT);
  EXPECT_EQ(open_error("bad\xff"), EILSEQ);
  EXPECT_EQ(sandbox::open_beneath(dir_, "new/", O_RDWR | O_CREAT, 0644, true).error, EISDIR);
  EXPECT_EQ(open_error("."), 0);
}

// The open whose access mode depends on the type: a directory gets the
// directory flags, anything else the others; escapes stay kEscapes; nothing is
// ever created.
TEST_P(SandboxErrors, OpenByTypeChoosesFlagsByWhatThePathNames) {
  const int fd_file = openat(dir_, "a/f", O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
  ASSERT_GE(fd_file, 0);
  close(fd_file);
  auto access_mode = [](const sandbox::OpenResult& r) { return fcntl(r.fd.get(), F_GETFL) & O_ACCMODE; };
  auto dir = sandbox::open_beneath_by_type(dir_, "a", O_RDWR, O_RDONLY, false);
  ASSERT_EQ(dir.error, 0);
  EXPECT_EQ(access_mode(dir), O_RDONLY);
  auto file = sandbox::open_beneath_by_type(dir_, "a/f", O_RDWR, O_RDONLY, false);
  ASSERT_EQ(file.error, 0);
  EXPECT_EQ(access_mode(file), O_RDWR);
  EXPECT_EQ(sandbox::open_beneath_by_type(dir_, "a/f/", O_RDWR, O_RDONLY, false).error, ENOTDIR);
  EXPECT_EQ(sandbox::open_beneath_by_type(dir_, "up/etc", O_RDWR, O_RDONLY, true).error, sandbox::kEscapes);
  EXPECT_EQ(sandbox::open_beneath_by_type(dir_, "abs", O_RDWR, O_RDONLY, true).error, sandbox::kEscapes);
  EXPECT_EQ(sandbox::open_beneath_by_type(dir_, "abs", O_RDWR, O_RDONLY, false).error, ELOOP);
  EXPECT_EQ(sandbox::open_beneath_by_type(dir_, "new", O_RDWR | O_CREAT, O_RDONLY, false).error, EINVAL);
  EXPECT_NE(access(((root_ + "/top/new")).c_str(), F_OK), 0);
}

WASISHIM_BOTH_RESOLVERS(SandboxErrors);

TEST(SandboxErrnoMapping, EscapesAloneBecomeNotcapable) {
  EXPECT_EQ(wasi::from_sandbox_errno(sandbox::kEscapes), wasi::Errno::notcapable);
  EXPECT_EQ(wasi::from_sandbox_errno(ENOENT), wasi::Errno::noent);
  EXPECT_EQ(wasi::from_sandbox_errno(ELOOP), wasi::Errno::loop);
  EXPECT_EQ(wasi::from_host_errno(EXDEV), wasi::Errno::xdev);
}

}  // namespace
}  // namespace wasishim::testing
