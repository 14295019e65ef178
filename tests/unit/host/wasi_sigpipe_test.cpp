// A guest writing to a pipe or socket whose reader has gone gets EPIPE and
// the host lives on, without the host library changing the process's signal
// disposition.
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstring>

#include "wasi_harness.h"

namespace wasishim::testing {
namespace {

bool sigpipe_pending() {
  sigset_t pending;
  sigemptyset(&pending);
  sigpending(&pending);
  return sigismember(&pending, SIGPIPE) == 1;
}

bool sigpipe_blocked() {
  sigset_t mask;
  pthread_sigmask(SIG_SETMASK, nullptr, &mask);
  return sigismember(&mask, SIGPIPE) == 1;
}

struct sigaction sigpipe_action() {
  struct sigaction sa {};
  sigaction(SIGPIPE, nullptr, &sa);
  return sa;
}

// A context whose stdout is the write end of a pipe (or socket) whose read
// end is already closed.
class ClosedReader {
 public:
  explicit ClosedReader(bool socket) : bytes_(4096), mem_(bytes_.data(), bytes_.size()) {
    int ends[2];
    if (socket ? socketpair(AF_UNIX, SOCK_STREAM, 0, ends) != 0 : pipe(ends) != 0) std::abort();
    const int reader = socket ? ends[1] : ends[0], writer = socket ? ends[0] : ends[1];
    WasiOptions o;
    o.stdout_fd = writer;
    ctx_ = std::make_unique<WasiContext>(o);
    close(writer);
    close(reader);
    std::memcpy(bytes_.data() + 100, "data", 4);
    const uint32_t iov[2] = {100, 4};
    std::memcpy(bytes_.data() + 200, iov, 8);
  }
  Errno write_stdout() { return ctx_->fd_write(mem_, 1, 200, 1, 300); }

 private:
  std::vector<uint8_t> bytes_;
  GuestMemory mem_;
  std::unique_ptr<WasiContext> ctx_;
};

// SIGPIPE's default action (terminate) for each test, whatever disposition
// the test runner passed down: a write that raised it unguarded would end
// the test binary.
class Sigpipe : public ::testing::Test {
 protected:
  void SetUp() override {
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    ASSERT_EQ(sigaction(SIGPIPE, &dfl, &saved_), 0);
  }
  void TearDown() override { sigaction(SIGPIPE, &saved_, nullptr); }

 private:
  struct sigaction saved_ {};
};

TEST_F(Sigpipe, WriteToAPipeWithoutReaderIsEpipe) {
  ClosedReader c(/*socket=*/false);
  const struct sigaction before = sigpipe_action();
  EXPECT_EQ(c.write_stdout(), Errno::pipe);
  EXPECT_EQ(c.write_stdout(), Errno::pipe);  // and again: nothing left behind
  // Still alive; no signal left pending, the thread's mask and the process's
  // disposition as they were.
  EXPECT_FALSE(sigpipe_pending());
  EXPECT_FALSE(sigpipe_blocked());
  EXPECT_EQ(sigpipe_action().sa_handler, before.sa_handler);
}

TEST_F(Sigpipe, WriteToASocketWithoutPeerIsEpipe) {
  ClosedReader c(/*socket=*/true);
  EXPECT_EQ(c.write_stdout(), Errno::pipe);
  EXPECT_FALSE(sigpipe_pending());
  EXPECT_FALSE(sigpipe_blocked());
}

// A SIGPIPE the embedder already had pending (blocked) is the embedder's:
// the host leaves it pending.
TEST_F(Sigpipe, AnEmbeddersPendingSigpipeIsLeftAlone) {
  sigset_t pipe_only, old;
  sigemptyset(&pipe_only);
  sigaddset(&pipe_only, SIGPIPE);
  ASSERT_EQ(pthread_sigmask(SIG_BLOCK, &pipe_only, &old), 0);
  ASSERT_EQ(raise(SIGPIPE), 0);
  ASSERT_TRUE(sigpipe_pending());
  {
    ClosedReader c(/*socket=*/false);
    EXPECT_EQ(c.write_stdout(), Errno::pipe);
  }
  EXPECT_TRUE(sigpipe_pending());
  EXPECT_TRUE(sigpipe_blocked());
  const timespec zero{};
  EXPECT_EQ(sigtimedwait(&pipe_only, nullptr, &zero), SIGPIPE);
  ASSERT_EQ(pthread_sigmask(SIG_SETMASK, &old, nullptr), 0);
}

// A FIFO in a preopen, opened by the guest, whose reader goes away.
TEST_F(Sigpipe, FifoInAPreopen) {
  Guest g;
  const std::string fifo = g.host("fifo");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0644), 0);
  const int reader = open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
  ASSERT_GE(reader, 0);
  uint32_t fd;
  ASSERT_EQ(g.open("fifo", 0, wasi::right::fd_write, fd), Errno::success);
  close(reader);
  EXPECT_EQ(g.write(fd, "x"), Errno::pipe);
  EXPECT_FALSE(sigpipe_pending());
}

}  // namespace
}  // namespace wasishim::testing
