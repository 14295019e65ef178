// The resolver is chosen once per process, from the kernel's answer, and then
// held. A seccomp filter makes openat2 fail with ENOSYS, as an older kernel
// would: a program started under it uses the manual resolver from its first
// lookup; a process that had already chosen openat2 keeps it and switches
// nothing.
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdlib>
#include <string>

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

// Set in the environment of this program started afresh under the filter.
constexpr const char* kStartedWithoutOpenat2 = "WASISHIM_TEST_STARTED_WITHOUT_OPENAT2";

// Exit codes of a child: 0 all good, otherwise the number of the failed step.
int exit_status(pid_t pid) {
  int status = 0;
  if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

int started_without_openat2() {
  if (sandbox::active_resolver() != sandbox::Resolver::manual) return 11;
  Guest g;
  write_host_file(g.host("f"), "data");
  symlink("../..", g.host("up").c_str());
  uint32_t fd;
  if (g.open("f", 0, wasi::right::fd_read, fd) != Errno::success) return 12;
  std::string got;
  if (g.read(fd, 10, got) != Errno::success || got != "data") return 13;
  if (g.open("up/etc/passwd", 0, wasi::right::fd_read, fd) != Errno::notcapable) return 14;
  if (g.open("../f", 0, wasi::right::fd_read, fd) != Errno::notcapable) return 15;
  return 0;
}

TEST(ResolverFallback, ManualResolverIsChosenWhenOpenat2IsMissing) {
  if (getenv(kStartedWithoutOpenat2) != nullptr) _exit(started_without_openat2());
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    if (!deny_openat2_with_enosys()) _exit(10);
    setenv(kStartedWithoutOpenat2, "1", 1);
    // The filter outlives exec: this test program starts again beneath it and
    // runs only this test, which takes the branch above.
    execl("/proc/self/exe", "host_unit_tests",
          "--gtest_filter=ResolverFallback.ManualResolverIsChosenWhenOpenat2IsMissing",
          static_cast<char*>(nullptr));
    _exit(9);
  }
  int status = exit_status(pid);
  EXPECT_EQ(status, 0) << "failed at step " << status;
}

int filtered_after_choosing() {
  if (!deny_openat2_with_enosys()) return 10;
  if (sandbox::active_resolver() != sandbox::Resolver::openat2) return 11;
  Guest g;
  write_host_file(g.host("f"), "data");
  uint32_t fd;
  // The lookup reports what the kernel said; it is not run again with the
  // other resolver, and the choice stands.
  if (g.open("f", 0, wasi::right::fd_read, fd) != Errno::nosys) return 12;
  if (sandbox::active_resolver() != sandbox::Resolver::openat2) return 13;
  return 0;
}

TEST(ResolverFallback, ChoiceIsHeldOnceMade) {
  if (sandbox::active_resolver() != sandbox::Resolver::openat2) {
    GTEST_SKIP() << "this kernel has no openat2";
  }
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) _exit(filtered_after_choosing());
  int status = exit_status(pid);
  EXPECT_EQ(status, 0) << "failed at step " << status;
}

}  // namespace
}  // namespace wasishim::testing
