// Arguments, environment, clocks, randomness, poll_oneoff, process and socket
// functions through WasiContext.
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>

#include "wasi/dispatch.h"
#include "wasi_harness.h"

namespace wasishim::testing {
namespace {

namespace right = wasi::right;
constexpr uint64_t kRights = right::regular_file | right::directory;

TEST(ArgsEnv, SizesAndContents) {
  Guest g;
  uint32_t c = g.alloc(4), s = g.alloc(4);
  ASSERT_EQ(g.ctx().args_sizes_get(g.mem(), c, s), Errno::success);
  EXPECT_EQ(g.u32_at(c), 2u);
  EXPECT_EQ(g.u32_at(s), 13u);  // "prog\0arg one\0"
  uint32_t argv = g.alloc(8), buf = g.alloc(13);
  ASSERT_EQ(g.ctx().args_get(g.mem(), argv, buf), Errno::success);
  EXPECT_EQ(g.u32_at(argv), buf);
  EXPECT_EQ(g.u32_at(argv + 4), buf + 5);
  EXPECT_EQ(g.text(buf, 13), std::string("prog\0arg one\0", 13));
  ASSERT_EQ(g.ctx().environ_sizes_get(g.mem(), c, s), Errno::success);
  EXPECT_EQ(g.u32_at(c), 2u);
  EXPECT_EQ(g.u32_at(s), 17u);  // "A=1\0LONGER=value\0"
  uint32_t env = g.alloc(8), ebuf = g.alloc(17);
  ASSERT_EQ(g.ctx().environ_get(g.mem(), env, ebuf), Errno::success);
  EXPECT_EQ(g.text(g.u32_at(env + 4), 12), "LONGER=value");
  EXPECT_EQ(g.ctx().args_get(g.mem(), argv, kMemSize - 5), Errno::fault);
  EXPECT_EQ(g.ctx().environ_get(g.mem(), kMemSize - 4, ebuf), Errno::fault);
  EXPECT_EQ(g.ctx().args_sizes_get(g.mem(), kMemSize, s), Errno::fault);
}

TEST(Clocks, TimeResolutionAndErrors) {
  Guest g;
  uint32_t out = g.alloc(8);
  timespec before{};
  clock_gettime(CLOCK_REALTIME, &before);
  ASSERT_EQ(g.ctx().clock_time_get(g.mem(), 0, 1, out), Errno::success);
  uint64_t ns = g.u64_at(out);
  EXPECT_GE(ns / 1'000'000'000u, static_cast<uint64_t>(before.tv_sec));
  EXPECT_LE(ns / 1'000'000'000u, static_cast<uint64_t>(before.tv_sec) + 5);
  for (uint32_t id = 0; id < 4; ++id) {
    EXPECT_EQ(g.ctx().clock_res_get(g.mem(), id, out), Errno::success) << id;
    EXPECT_GT(g.u64_at(out), 0u);
  }
  EXPECT_EQ(g.ctx().clock_time_get(g.mem(), 4, 0, out), Errno::inval);
  EXPECT_EQ(g.ctx().clock_res_get(g.mem(), 99, out), Errno::inval);
  EXPECT_EQ(g.ctx().clock_time_get(g.mem(), 1, 0, kMemSize - 7), Errno::fault);
}

TEST(Random, FillsAndChecksBounds) {
  Guest g;
  uint32_t buf = g.alloc(64);
  ASSERT_EQ(g.ctx().random_get(g.mem(), buf, 64), Errno::success);
  int zeros = 0;
  for (int i = 0; i < 64; ++i) zeros += g.u8_at(buf + i) == 0;
  EXPECT_LT(zeros, 16);
  EXPECT_EQ(g.ctx().random_get(g.mem(), kMemSize - 3, 4), Errno::fault);
  EXPECT_EQ(g.ctx().random_get(g.mem(), 0, 0), Errno::success);
}

// Writes one subscription at index i of the array at base.
void clock_sub(Guest& g, uint32_t base, uint32_t i, uint64_t userdata, uint32_t clock,
               uint64_t timeout, uint16_t flags) {
  uint32_t s = base + i * 48;
  std::memset(g.raw() + s, 0, 48);
  g.put_u64(s, userdata);
  g.raw()[s + 8] = 0;
  g.put_u32(s + 16, clock);
  g.put_u64(s + 24, timeout);
  std::memcpy(g.raw() + s + 40, &flags, 2);
}
void fd_sub(Guest& g, uint32_t base, uint32_t i, uint64_t userdata, uint8_t type, uint32_t fd) {
  uint32_t s = base + i * 48;
  std::memset(g.raw() + s, 0, 48);
  g.put_u64(s, userdata);
  g.raw()[s + 8] = type;
  g.put_u32(s + 16, fd);
}

TEST(Poll, RelativeClockWaits) {
  Guest g;
  uint32_t in = g.alloc(48), out = g.alloc(32), n = g.alloc(4);
  clock_sub(g, in, 0, 0xabc, 1, 20'000'000, 0);
  auto t0 = std::chrono::steady_clock::now();
  ASSERT_EQ(g.ctx().poll_oneoff(g.mem(), in, out, 1, n), Errno::success);
  auto waited = std::chrono::steady_clock::now() - t0;
  EXPECT_GE(waited, std::chrono::milliseconds(20));
  EXPECT_LT(waited, std::chrono::seconds(2));
  ASSERT_EQ(g.u32_at(n), 1u);
  EXPECT_EQ(g.u64_at(out), 0xabcu);
  EXPECT_EQ(g.u16_at(out + 8), 0);
  EXPECT_EQ(g.u8_at(out + 10), 0);
}

TEST(Poll, AbsoluteClocks) {
  Guest g;
  uint32_t in = g.alloc(96), out = g.alloc(64), n = g.alloc(4);
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  uint64_t mono = static_cast<uint64_t>(now.tv_sec) * 1'000'000'000u + now.tv_nsec;
  // A monotonic deadline 30 ms ahead.
  clock_sub(g, in, 0, 1, 1, mono + 30'000'000, wasi::subclockflag_abstime);
  auto t0 = std::chrono::steady_clock::now();
  ASSERT_EQ(g.ctx().poll_oneoff(g.mem(), in, out, 1, n), Errno::success);
  EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(25));
  EXPECT_EQ(g.u64_at(out), 1u);
  // A realtime deadline in the past fires at once, alongside a far timer.
  clock_gettime(CLOCK_REALTIME, &now);
  uint64_t real = static_cast<uint64_t>(now.tv_sec) * 1'000'000'000u;
  clock_sub(g, in, 0, 2, 0, real - 1'000'000'000u, wasi::subclockflag_abstime);
  clock_sub(g, in, 1, 3, 1, 60'000'000'000ull, 0);
  t0 = std::chrono::steady_clock::now();
  ASSERT_EQ(g.ctx().poll_oneoff(g.mem(), in, out, 2, n), Errno::success);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(1));
  ASSERT_EQ(g.u32_at(n), 1u);
  EXPECT_EQ(g.u64_at(out), 2u);
}

TEST(Poll, FdReadinessAndErrors) {
  Guest g;
  write_host_file(g.host("f"), "0123456789");
  uint32_t fd;
  ASSERT_EQ(g.open("f", 0, kRights, fd), Errno::success);
  uint32_t in = g.alloc(48 * 3), out = g.alloc(32 * 3), n = g.alloc(4);
  fd_sub(g, in, 0, 10, 1, fd);
  clock_sub(g, in, 1, 11, 1, 60'000'000'000ull, 0);
  ASSERT_EQ(g.ctx().poll_oneoff(g.mem(), in, out, 2, n), Errno::success);
  ASSERT_EQ(g.u32_at(n), 1u);
  EXPECT_EQ(g.u64_at(out), 10u);
  EXPECT_EQ(g.u8_at(out + 10), 1);
  EXPECT_EQ(g.u64_at(out + 16), 10u);  // bytes left in the file
  // A closed descriptor is reported as an event error, without waiting.
  fd_sub(g, in, 0, 20, 1, 99);
  ASSERT_EQ(g.ctx().poll_oneoff(g.mem(), in, out, 2, n), Errno::success);
  ASSERT_EQ(g.u32_at(n), 1u);
  EXPECT_EQ(g.u64_at(out), 20u);
  EXPECT_EQ(g.u16_at(out + 8), static_cast<uint16_t>(Errno::badf));
  EXPECT_EQ(g.ctx().poll_oneoff(g.mem(), in, out, 0, n), Errno::inval);
  EXPECT_EQ(g.ctx().poll_oneoff(g.mem(), kMemSize - 40, out, 1, n), Errno::fault);
  EXPECT_EQ(g.ctx().poll_oneoff(g.mem(), in, kMemSize - 16, 1, n), Errno::fault);
  g.raw()[in + 8] = 7;  // unknown event type
  EXPECT_EQ(g.ctx().poll_oneoff(g.mem(), in, out, 1, n), Errno::inval);
}

TEST(Poll, PipeReadableAndHangup) {
  int p[2];
  ASSERT_EQ(pipe(p), 0);
  WasiOptions o;
  o.stdin_fd = p[0];
  std::vector<uint8_t> bytes(4096);
  GuestMemory mem(bytes.data(), bytes.size());
  WasiContext ctx(o);
  close(p[0]);
  ASSERT_EQ(write(p[1], "abc", 3), 3);
  uint32_t in = 0, out = 256, n = 512;
  std::memset(bytes.data(), 0, 48);
  bytes[8] = 1;  // fd_read on guest fd 0
  ASSERT_EQ(ctx.poll_oneoff(mem, in, out, 1, n), Errno::success);
  uint64_t nbytes;
  std::memcpy(&nbytes, bytes.data() + out + 16, 8);
  EXPECT_EQ(nbytes, 3u);
  close(p[1]);
  ASSERT_EQ(ctx.poll_oneoff(mem, in, out, 1, n), Errno::success);
  uint16_t flags;
  std::memcpy(&flags, bytes.data() + out + 24, 2);
  EXPECT_EQ(flags & wasi::eventrwflag_hangup, wasi::eventrwflag_hangup);
}

TEST(Proc, ExitAndRaise) {
  Guest g;
  EXPECT_FALSE(g.ctx().take_stop());
  g.ctx().proc_exit(g.mem(), 7);
  EXPECT_TRUE(g.ctx().take_stop());
  EXPECT_FALSE(g.ctx().take_stop());  // asked once, for the call that stopped
  EXPECT_EQ(g.ctx().exit_code(), 7u);
  Guest h;
  EXPECT_EQ(h.ctx().proc_raise(h.mem(), 0), Errno::success);
  EXPECT_EQ(h.ctx().proc_raise(h.mem(), 16), Errno::success);  // SIGCHLD: ignored
  EXPECT_EQ(h.ctx().proc_raise(h.mem(), 31), Errno::inval);
  EXPECT_FALSE(h.ctx().raised_signal().has_value());
  EXPECT_FALSE(h.ctx().take_stop());
  EXPECT_EQ(h.ctx().proc_raise(h.mem(), 15), Errno::success);  // SIGTERM ends the guest only
  EXPECT_TRUE(h.ctx().take_stop());
  EXPECT_EQ(h.ctx().raised_signal(), 15);
  EXPECT_EQ(h.ctx().sched_yield(h.mem()), Errno::success);
}

TEST(Sock, NonSocketsAndBadFds) {
  Guest g;
  uint32_t fd;
  ASSERT_EQ(g.open("f", wasi::oflag::creat, kRights, fd), Errno::success);
  uint32_t out = g.alloc(8), v = g.iov(g.alloc(4), 4);
  for (uint32_t target : {fd, uint32_t{kPreopen}}) {
    EXPECT_EQ(g.ctx().sock_accept(g.mem(), target, 0, out), Errno::notsock);
    EXPECT_EQ(g.ctx().sock_recv(g.mem(), target, v, 1, 0, out, out + 4), Errno::notsock);
    EXPECT_EQ(g.ctx().sock_send(g.mem(), target, v, 1, 0, out), Errno::notsock);
    EXPECT_EQ(g.ctx().sock_shutdown(g.mem(), target, 3), Errno::notsock);
  }
  EXPECT_EQ(g.ctx().sock_accept(g.mem(), 99, 0, out), Errno::badf);
  EXPECT_EQ(g.ctx().sock_recv(g.mem(), 99, v, 1, 0, out, out + 4), Errno::badf);
  EXPECT_EQ(g.ctx().sock_send(g.mem(), 99, v, 1, 0, out), Errno::badf);
  EXPECT_EQ(g.ctx().sock_shutdown(g.mem(), 99, 3), Errno::badf);
}

TEST(Sock, SocketpairAsStdio) {
  SocketGuest s(SOCK_STREAM, 0, 4096);
  WasiContext& ctx = s.ctx();
  GuestMemory& mem = s.mem();
  uint8_t* bytes = s.bytes();
  // Guest sends "ping" on fd 0.
  std::memcpy(bytes + 100, "ping", 4);
  uint32_t iov[2] = {100, 4};
  std::memcpy(bytes + 200, iov, 8);
  ASSERT_EQ(ctx.sock_send(mem, 0, 200, 1, 0, 300), Errno::success);
  char got[8] = {};
  ASSERT_EQ(read(s.peer(), got, sizeof got), 4);
  EXPECT_STREQ(got, "ping");
  EXPECT_EQ(ctx.sock_send(mem, 0, 200, 1, 1, 300), Errno::inval);
  // Host replies; guest peeks, then reads.
  ASSERT_EQ(write(s.peer(), "pong!", 5), 5);
  uint32_t riov[2] = {400, 3};
  std::memcpy(bytes + 200, riov, 8);
  ASSERT_EQ(ctx.sock_recv(mem, 0, 200, 1, 1, 300, 304), Errno::success);
  uint32_t len;
  std::memcpy(&len, bytes + 300, 4);
  EXPECT_EQ(len, 3u);
  ASSERT_EQ(ctx.sock_recv(mem, 0, 200, 1, 0, 300, 304), Errno::success);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(bytes + 400), 3), "pon");
  EXPECT_EQ(ctx.sock_recv(mem, 0, 200, 1, 4, 300, 304), Errno::inval);
  EXPECT_EQ(ctx.sock_shutdown(mem, 0, 0), Errno::inval);
  EXPECT_EQ(ctx.sock_shutdown(mem, 0, 4), Errno::inval);
  ASSERT_EQ(ctx.sock_shutdown(mem, 0, 2), Errno::success);
  EXPECT_EQ(read(s.peer(), got, sizeof got), 0);  // end of stream: the guest shut down writing
  // accept on a connected, non-listening socket: the kernel's EINVAL.
  EXPECT_EQ(ctx.sock_accept(mem, 0, 0, 300), Errno::inval);
  EXPECT_EQ(ctx.sock_accept(mem, 0, 2, 300), Errno::inval);  // unknown flag bit
}

}  // namespace
}  // namespace wasishim::testing

namespace wasishim::testing {
namespace {

TEST(Sock, DatagramSocketReportsItsType) {
  SocketGuest s(SOCK_DGRAM, 1, 256);
  s.close_peer();
  ASSERT_EQ(s.ctx().fd_fdstat_get(s.mem(), 1, 0), Errno::success);
  EXPECT_EQ(s.bytes()[0], static_cast<uint8_t>(wasi::Filetype::socket_dgram));
  ASSERT_EQ(s.ctx().fd_fdstat_get(s.mem(), 2, 0), Errno::success);
  EXPECT_NE(s.bytes()[0], static_cast<uint8_t>(wasi::Filetype::socket_dgram));
}

}  // namespace
}  // namespace wasishim::testing
