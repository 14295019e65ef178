// Every pointer argument out of bounds gives fault and never a host crash.
// Each function is called with one pointer at a time moved just past the end
// of guest memory, with the other arguments valid.
#include <gtest/gtest.h>

#include <sys/socket.h>

#include <functional>

#include "wasi/dispatch.h"
#include "wasi_harness.h"

namespace wasishim::testing {
namespace {

namespace right = wasi::right;
constexpr uint64_t kRights = right::regular_file | right::directory;

struct Case {
  const char* function;
  const char* pointer;
  std::function<Errno(Guest&, uint32_t file_fd, uint32_t bad)> call;
};

// Offsets that are out of range for any object of a few bytes.
const uint32_t kBad[] = {kMemSize, kMemSize - 1, 0xffffffffu, 0x80000000u};

std::vector<Case> cases() {
  auto P = [](Guest& g, const char* s) { return g.path(s); };
  return {
      {"args_get", "argv", [](Guest& g, uint32_t, uint32_t b) { return g.ctx().args_get(g.mem(), b, g.alloc(64)); }},
      {"args_get", "argv_buf", [](Guest& g, uint32_t, uint32_t b) { return g.ctx().args_get(g.mem(), g.alloc(16), b); }},
      {"args_sizes_get", "argc", [](Guest& g, uint32_t, uint32_t b) { return g.ctx().args_sizes_get(g.mem(), b, g.alloc(4)); }},
      {"args_sizes_get", "size", [](Guest& g, uint32_t, uint32_t b) { return g.ctx().args_sizes_get(g.mem(), g.alloc(4), b); }},
      {"environ_get", "environ", [](Guest& g, uint32_t, uint32_t b) { return g.ctx().environ_get(g.mem(), b, g.alloc(64)); }},
      {"environ_get", "buf", [](Guest& g, uint32_t, uint32_t b) { return g.ctx().environ_get(g.mem(), g.alloc(16), b); }},
      {"environ_sizes_get", "count", [](Guest& g, uint32_t, uint32_t b) { return g.ctx().environ_sizes_get(g.mem(), b, g.alloc(4)); }},
      {"environ_sizes_get", "size", [](Guest& g, uint32_t, uint32_t b) { return g.ctx().environ_sizes_get(g.mem(), g.alloc(4), b); }},
      {"clock_res_get", "res", [](Guest& g, uint32_t, uint32_t b) { return g.ctx().clock_res_get(g.mem(), 0, b); }},
      {"clock_time_get", "time", [](Guest& g, uint32_t, uint32_t b) { return g.ctx().clock_time_get(g.mem(), 1, 0, b); }},
      {"random_get", "buf", [](Guest& g, uint32_t, uint32_t b) { return g.ctx().random_get(g.mem(), b, 8); }},
      {"fd_fdstat_get", "out", [](Guest& g, uint32_t f, uint32_t b) { return g.ctx().fd_fdstat_get(g.mem(), f, b); }},
      {"fd_filestat_get", "out", [](Guest& g, uint32_t f, uint32_t b) { return g.ctx().fd_filestat_get(g.mem(), f, b); }},
      {"fd_prestat_get", "out", [](Guest& g, uint32_t, uint32_t b) { return g.ctx().fd_prestat_get(g.mem(), kPreopen, b); }},
      {"fd_prestat_dir_name", "path", [](Guest& g, uint32_t, uint32_t b) { return g.ctx().fd_prestat_dir_name(g.mem(), kPreopen, b, 8); }},
      {"fd_read", "iovs", [](Guest& g, uint32_t f, uint32_t b) { return g.ctx().fd_read(g.mem(), f, b, 1, g.alloc(4)); }},
      {"fd_read", "iov.buf", [](Guest& g, uint32_t f, uint32_t b) { return g.ctx().fd_read(g.mem(), f, g.iov(b, 4), 1, g.alloc(4)); }},
      {"fd_read", "nread", [](Guest& g, uint32_t f, uint32_t b) { return g.ctx().fd_read(g.mem(), f, g.iov(g.alloc(4), 4), 1, b); }},
      {"fd_write", "iovs", [](Guest& g, uint32_t f, uint32_t b) { return g.ctx().fd_write(g.mem(), f, b, 1, g.alloc(4)); }},
      {"fd_write", "iov.buf", [](Guest& g, uint32_t f, uint32_t b) { return g.ctx().fd_write(g.mem(), f, g.iov(b, 4), 1, g.alloc(4)); }},
      {"fd_write", "nwritten", [](Guest& g, uint32_t f, uint32_t b) { return g.ctx().fd_write(g.mem(), f, g.iov(g.alloc(4), 4), 1, b); }},
      {"fd_pread", "iov.buf", [](Guest& g, uint32_t f, uint32_t b) { return g.ctx().fd_pread(g.mem(), f, g.iov(b, 4), 1, 0, g.alloc(4)); }},
      {"fd_pread", "nread", [](Guest& g, uint32_t f, uint32_t b) { return g.ctx().fd_pread(g.mem(), f, g.iov(g.alloc(4), 4), 1, 0, b); }},
      {"fd_pwrite", "iovs", [](Guest& g, uint32_t f, uint32_t b) { return g.ctx().fd_pwrite(g.mem(), f, b, 1, 0, g.alloc(4)); }},
      {"fd_pwrite", "nwritten", [](Guest& g, uint32_t f, uint32_t b) { return g.ctx().fd_pwrite(g.mem(), f, g.iov(g.alloc(4), 4), 1, 0, b); }},
      {"fd_seek", "newoffset", [](Guest& g, uint32_t f, uint32_t b) { return g.ctx().fd_seek(g.mem(), f, 0, 0, b); }},
      {"fd_tell", "offset", [](Guest& g, uint32_t f, uint32_t b) { return g.ctx().fd_tell(g.mem(), f, b); }},
      {"fd_readdir", "buf", [](Guest& g, uint32_t, uint32_t b) { return g.ctx().fd_readdir(g.mem(), kPreopen, b, 64, 0, g.alloc(4)); }},
      {"fd_readdir", "bufused", [](Guest& g, uint32_t, uint32_t b) { return g.ctx().fd_readdir(g.mem(), kPreopen, g.alloc(64), 64, 0, b); }},
      {"path_open", "path", [](Guest& g, uint32_t, uint32_t b) { return g.ctx().path_open(g.mem(), kPreopen, 0, b, 4, 0, kRights, kRights, 0, g.alloc(4)); }},
      {"path_open", "fd_out", [P](Guest& g, uint32_t, uint32_t b) { auto p = P(g, "f"); return g.ctx().path_open(g.mem(), kPreopen, 0, p.ptr, p.len, 0, kRights, kRights, 0, b); }},
      {"path_create_directory", "path", [](Guest& g, uint32_t, uint32_t b) { return g.ctx().path_create_directory(g.mem(), kPreopen, b, 4); }},
      {"path_filestat_get", "path", [](Guest& g, uint32_t, uint32_t b) { return g.ctx().path_filestat_get(g.mem(), kPreopen, 0, b, 4, g.alloc(64)); }},
      {"path_filestat_get", "out", [P](Guest& g, uint32_t, uint32_t b) { auto p = P(g, "f"); return g.ctx().path_filestat_get(g.mem(), kPreopen, 0, p.ptr, p.len, b); }},
      {"path_filestat_set_times", "path", [](Guest& g, uint32_t, uint32_t b) { return g.ctx().path_filestat_set_times(g.mem(), kPreopen, 0, b, 4, 0, 0, 2); }},
      {"path_link", "old_path", [P](Guest& g, uint32_t, uint32_t b) { auto p = P(g, "n"); return g.ctx().path_link(g.mem(), kPreopen, 0, b, 4, kPreopen, p.ptr, p.len); }},
      {"path_link", "new_path", [P](Guest& g, uint32_t, uint32_t b) { auto p = P(g, "f"); return g.ctx().path_link(g.mem(), kPreopen, 0, p.ptr, p.len, kPreopen, b, 4); }},
      {"path_readlink", "path", [](Guest& g, uint32_t, uint32_t b) { return g.ctx().path_readlink(g.mem(), kPreopen, b, 4, g.alloc(16), 16, g.alloc(4)); }},
      {"path_readlink", "buf", [P](Guest& g, uint32_t, uint32_t b) { auto p = P(g, "l"); return g.ctx().path_readlink(g.mem(), kPreopen, p.ptr, p.len, b, 16, g.alloc(4)); }},
      {"path_readlink", "bufused", [P](Guest& g, uint32_t, uint32_t b) { auto p = P(g, "l"); return g.ctx().path_readlink(g.mem(), kPreopen, p.ptr, p.len, g.alloc(16), 16, b); }},
      {"path_remove_directory", "path", [](Guest& g, uint32_t, uint32_t b) { return g.ctx().path_remove_directory(g.mem(), kPreopen, b, 4); }},
      {"path_rename", "old_path", [P](Guest& g, uint32_t, uint32_t b) { auto p = P(g, "n"); return g.ctx().path_rename(g.mem(), kPreopen, b, 4, kPreopen, p.ptr, p.len); }},
      {"path_rename", "new_path", [P](Guest& g, uint32_t, uint32_t b) { auto p = P(g, "f"); return g.ctx().path_rename(g.mem(), kPreopen, p.ptr, p.len, kPreopen, b, 4); }},
      {"path_symlink", "old_path", [P](Guest& g, uint32_t, uint32_t b) { auto p = P(g, "n"); return g.ctx().path_symlink(g.mem(), b, 4, kPreopen, p.ptr, p.len); }},
      {"path_symlink", "new_path", [P](Guest& g, uint32_t, uint32_t b) { auto p = P(g, "f"); return g.ctx().path_symlink(g.mem(), p.ptr, p.len, kPreopen, b, 4); }},
      {"path_unlink_file", "path", [](Guest& g, uint32_t, uint32_t b) { return g.ctx().path_unlink_file(g.mem(), kPreopen, b, 4); }},
      {"poll_oneoff", "in", [](Guest& g, uint32_t, uint32_t b) { return g.ctx().poll_oneoff(g.mem(), b, g.alloc(32), 1, g.alloc(4)); }},
      {"poll_oneoff", "out", [](Guest& g, uint32_t, uint32_t b) { return g.ctx().poll_oneoff(g.mem(), g.alloc(48), b, 1, g.alloc(4)); }},
      {"poll_oneoff", "nevents", [](Guest& g, uint32_t, uint32_t b) { return g.ctx().poll_oneoff(g.mem(), g.alloc(48), g.alloc(32), 1, b); }},
  };
}

TEST(Fault, EveryPointerOutOfBounds) {
  for (const Case& c : cases()) {
    for (uint32_t bad : kBad) {
      Guest g;
      write_host_file(g.host("f"), "contents");
      symlink("f", g.host("l").c_str());
      uint32_t fd;
      ASSERT_EQ(g.open("f", 0, kRights, fd), Errno::success);
      std::vector<uint8_t> before(g.raw(), g.raw() + kMemSize);
      EXPECT_EQ(c.call(g, fd, bad), Errno::fault) << c.function << " " << c.pointer << " at " << bad;
      // Nothing outside the sandbox changed, and the sandbox was not changed
      // by a call that failed.
      EXPECT_EQ(read_host_file(g.host("f")), "contents") << c.function;
      EXPECT_FALSE(host_exists(g.host("n"))) << c.function;
    }
  }
}

// Socket functions and the remaining descriptor functions with a pointer
// argument are covered through a socketpair.
TEST(Fault, SocketPointers) {
  SocketGuest s(SOCK_STREAM, 0, 4096);
  WasiContext& ctx = s.ctx();
  GuestMemory& mem = s.mem();
  uint8_t* bytes = s.bytes();
  ASSERT_EQ(write(s.peer(), "data", 4), 4);
  uint32_t iov[2] = {100, 4};
  std::memcpy(bytes + 200, iov, 8);
  EXPECT_EQ(ctx.sock_recv(mem, 0, 5000, 1, 0, 300, 304), Errno::fault);
  EXPECT_EQ(ctx.sock_recv(mem, 0, 200, 1, 0, 4094, 304), Errno::fault);
  EXPECT_EQ(ctx.sock_recv(mem, 0, 200, 1, 0, 300, 4095), Errno::fault);
  EXPECT_EQ(ctx.sock_send(mem, 0, 4090, 1, 0, 300), Errno::fault);
  EXPECT_EQ(ctx.sock_send(mem, 0, 200, 1, 0, 4093), Errno::fault);
  EXPECT_EQ(ctx.sock_accept(mem, 0, 0, 4093), Errno::fault);
  // The data is still unread: faults happen before any I/O.
  char got[8];
  EXPECT_EQ(recv(s.peer(), got, sizeof got, MSG_DONTWAIT), -1);
  ASSERT_EQ(ctx.sock_recv(mem, 0, 200, 1, 0, 300, 304), Errno::success);
}

// An empty memory (a module without one) makes every pointer fault.
TEST(Fault, NoMemoryAtAll) {
  WasiOptions o;
  WasiContext ctx(o);
  GuestMemory none;
  for (const auto& imp : wasi_imports()) {
    if (imp.name == "proc_exit" || imp.name == "proc_raise" || imp.name == "poll_oneoff") continue;
    uint64_t args[9] = {};
    uint32_t r = imp.call(ctx, none, args);  // must not crash
    EXPECT_LE(r, static_cast<uint32_t>(Errno::notcapable)) << imp.name;
  }
  EXPECT_EQ(ctx.args_sizes_get(none, 0, 0), Errno::fault);
  EXPECT_EQ(ctx.fd_write(none, 1, 0, 1, 0), Errno::fault);
}

}  // namespace
}  // namespace wasishim::testing
