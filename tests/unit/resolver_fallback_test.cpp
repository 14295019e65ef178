// The manual resolver is chosen at run time when the kernel has no openat2.
// A child process installs a seccomp filter that makes openat2 fail with
// ENOSYS, as an older kernel would, then uses the sandbox.
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstddef>

#include "sandbox/resolve.h"
#include "wasi_harness.h"

namespace wasishim::testing {
namespace {

bool deny_openat2_with_enosys() {
  sock_filter filter[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_openat2, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (ENOSYS & SECCOMP_RET_DATA)),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  sock_fprog prog{static_cast<unsigned short>(sizeof filter / sizeof filter[0]), filter};
  return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 &&
         prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) == 0;
}

// Exit codes of the child: 0 all good, otherwise the number of the failed step.
int child_body() {
  if (!deny_openat2_with_enosys()) return 10;
  if (sandbox::active_resolver() != sandbox::Resolver::openat2) return 11;  // not yet known
  Guest g;
  write_host_file(g.host("f"), "data");
  symlink("../..", g.host("up").c_str());
  uint32_t fd;
  if (g.open("f", 0, wasi::right::fd_read, fd) != Errno::success) return 12;
  if (sandbox::active_resolver() != sandbox::Resolver::manual) return 13;  // switched
  std::string got;
  if (g.read(fd, 10, got) != Errno::success || got != "data") return 14;
  if (g.open("up/etc/passwd", 0, wasi::right::fd_read, fd) != Errno::notcapable) return 15;
  if (g.open("../f", 0, wasi::right::fd_read, fd) != Errno::notcapable) return 16;
  return 0;
}

TEST(ResolverFallback, ManualResolverTakesOverWhenOpenat2IsMissing) {
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) _exit(child_body());
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "failed at step " << WEXITSTATUS(status);
}

}  // namespace
}  // namespace wasishim::testing
