// Every pointer argument out of bounds gives fault and never a host crash.
// Each function is called with one pointer at a time moved just past the end
// of guest memory, with the other arguments valid.
#include <gtest/gtest.h>

#include <sys/socket.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string_view>

#include "wasi/dispatch.h"
#include "wasi_harness.h"

namespace wasishim::testing {
namespace {

namespace right = wasi::right;
constexpr uint64_t kRights = right::regular_file | right::directory;

// A call with its arguments already placed in guest memory, ready to make.
using Call = std::function<Errno()>;

// Evaluates the arguments now (any allocations they make happen here) and
// returns the call, so memory can be compared from just before it.
template <class... A, class... V>
Call later(Guest& g, Errno (WasiContext::*fn)(GuestMemory&, A...), V... v) {
  return [&g, fn, v...] { return (g.ctx().*fn)(g.mem(), static_cast<A>(v)...); };
}

struct Case {
  const char* function;
  const char* pointer;
  std::function<Call(Guest&, uint32_t file_fd, uint32_t bad)> prepare;
};

// Offsets that are out of range for any object of a few bytes.
const uint32_t kBad[] = {kMemSize, kMemSize - 1, 0xffffffffu, 0x80000000u};

std::vector<Case> cases() {
  auto P = [](Guest& g, const char* s) { return g.path(s); };
  return {
      {"args_get", "argv", [](Guest& g, uint32_t, uint32_t b) { return later(g, &WasiContext::args_get, b, g.alloc(64)); }},
      {"args_get", "argv_buf", [](Guest& g, uint32_t, uint32_t b) { return later(g, &WasiContext::args_get, g.alloc(16), b); }},
      {"args_sizes_get", "argc", [](Guest& g, uint32_t, uint32_t b) { return later(g, &WasiContext::args_sizes_get, b, g.alloc(4)); }},
      {"args_sizes_get", "size", [](Guest& g, uint32_t, uint32_t b) { return later(g, &WasiContext::args_sizes_get, g.alloc(4), b); }},
      {"environ_get", "environ", [](Guest& g, uint32_t, uint32_t b) { return later(g, &WasiContext::environ_get, b, g.alloc(64)); }},
      {"environ_get", "buf", [](Guest& g, uint32_t, uint32_t b) { return later(g, &WasiContext::environ_get, g.alloc(16), b); }},
      {"environ_sizes_get", "count", [](Guest& g, uint32_t, uint32_t b) { return later(g, &WasiContext::environ_sizes_get, b, g.alloc(4)); }},
      {"environ_sizes_get", "size", [](Guest& g, uint32_t, uint32_t b) { return later(g, &WasiContext::environ_sizes_get, g.alloc(4), b); }},
      {"clock_res_get", "res", [](Guest& g, uint32_t, uint32_t b) { return later(g, &WasiContext::clock_res_get, 0, b); }},
      {"clock_time_get", "time", [](Guest& g, uint32_t, uint32_t b) { return later(g, &WasiContext::clock_time_get, 1, 0, b); }},
      {"random_get", "buf", [](Guest& g, uint32_t, uint32_t b) { return later(g, &WasiContext::random_get, b, 8); }},
      {"fd_fdstat_get", "out", [](Guest& g, uint32_t f, uint32_t b) { return later(g, &WasiContext::fd_fdstat_get, f, b); }},
      {"fd_filestat_get", "out", [](Guest& g, uint32_t f, uint32_t b) { return later(g, &WasiContext::fd_filestat_get, f, b); }},
      {"fd_prestat_get", "out", [](Guest& g, uint32_t, uint32_t b) { return later(g, &WasiContext::fd_prestat_get, kPreopen, b); }},
      {"fd_prestat_dir_name", "path", [](Guest& g, uint32_t, uint32_t b) { return later(g, &WasiContext::fd_prestat_dir_name, kPreopen, b, 8); }},
      {"fd_read", "iovs", [](Guest& g, uint32_t f, uint32_t b) { return later(g, &WasiContext::fd_read, f, b, 1, g.alloc(4)); }},
      {"fd_read", "iov.buf", [](Guest& g, uint32_t f, uint32_t b) { return later(g, &WasiContext::fd_read, f, g.iov(b, 4), 1, g.alloc(4)); }},
      {"fd_read", "nread", [](Guest& g, uint32_t f, uint32_t b) { return later(g, &WasiContext::fd_read, f, g.iov(g.alloc(4), 4), 1, b); }},
      {"fd_write", "iovs", [](Guest& g, uint32_t f, uint32_t b) { return later(g, &WasiContext::fd_write, f, b, 1, g.alloc(4)); }},
      {"fd_write", "iov.buf", [](Guest& g, uint32_t f, uint32_t b) { return later(g, &WasiContext::fd_write, f, g.iov(b, 4), 1, g.alloc(4)); }},
      {"fd_write", "nwritten", [](Guest& g, uint32_t f, uint32_t b) { return later(g, &WasiContext::fd_write, f, g.iov(g.alloc(4), 4), 1, b); }},
      {"fd_pread", "iov.buf", [](Guest& g, uint32_t f, uint32_t b) { return later(g, &WasiContext::fd_pread, f, g.iov(b, 4), 1, 0, g.alloc(4)); }},
      {"fd_pread", "nread", [](Guest& g, uint32_t f, uint32_t b) { return later(g, &WasiContext::fd_pread, f, g.iov(g.alloc(4), 4), 1, 0, b); }},
      {"fd_pwrite", "iovs", [](Guest& g, uint32_t f, uint32_t b) { return later(g, &WasiContext::fd_pwrite, f, b, 1, 0, g.alloc(4)); }},
      {"fd_pwrite", "nwritten", [](Guest& g, uint32_t f, uint32_t b) { return later(g, &WasiContext::fd_pwrite, f, g.iov(g.alloc(4), 4), 1, 0, b); }},
      {"fd_seek", "newoffset", [](Guest& g, uint32_t f, uint32_t b) { return later(g, &WasiContext::fd_seek, f, 0, 0, b); }},
      {"fd_tell", "offset", [](Guest& g, uint32_t f, uint32_t b) { return later(g, &WasiContext::fd_tell, f, b); }},
      {"fd_readdir", "buf", [](Guest& g, uint32_t, uint32_t b) { return later(g, &WasiContext::fd_readdir, kPreopen, b, 64, 0, g.alloc(4)); }},
      {"fd_readdir", "bufused", [](Guest& g, uint32_t, uint32_t b) { return later(g, &WasiContext::fd_readdir, kPreopen, g.alloc(64), 64, 0, b); }},
      {"path_open", "path", [](Guest& g, uint32_t, uint32_t b) { return later(g, &WasiContext::path_open, kPreopen, 0, b, 4, 0, kRights, kRights, 0, g.alloc(4)); }},
      {"path_open", "fd_out", [P](Guest& g, uint32_t, uint32_t b) { auto p = P(g, "f"); return later(g, &WasiContext::path_open, kPreopen, 0, p.ptr, p.len, 0, kRights, kRights, 0, b); }},
      {"path_create_directory", "path", [](Guest& g, uint32_t, uint32_t b) { return later(g, &WasiContext::path_create_directory, kPreopen, b, 4); }},
      {"path_filestat_get", "path", [](Guest& g, uint32_t, uint32_t b) { return later(g, &WasiContext::path_filestat_get, kPreopen, 0, b, 4, g.alloc(64)); }},
      {"path_filestat_get", "out", [P](Guest& g, uint32_t, uint32_t b) { auto p = P(g, "f"); return later(g, &WasiContext::path_filestat_get, kPreopen, 0, p.ptr, p.len, b); }},
      {"path_filestat_set_times", "path", [](Guest& g, uint32_t, uint32_t b) { return later(g, &WasiContext::path_filestat_set_times, kPreopen, 0, b, 4, 0, 0, 2); }},
      {"path_link", "old_path", [P](Guest& g, uint32_t, uint32_t b) { auto p = P(g, "n"); return later(g, &WasiContext::path_link, kPreopen, 0, b, 4, kPreopen, p.ptr, p.len); }},
      {"path_link", "new_path", [P](Guest& g, uint32_t, uint32_t b) { auto p = P(g, "f"); return later(g, &WasiContext::path_link, kPreopen, 0, p.ptr, p.len, kPreopen, b, 4); }},
      {"path_readlink", "path", [](Guest& g, uint32_t, uint32_t b) { return later(g, &WasiContext::path_readlink, kPreopen, b, 4, g.alloc(16), 16, g.alloc(4)); }},
      {"path_readlink", "buf", [P](Guest& g, uint32_t, uint32_t b) { auto p = P(g, "l"); return later(g, &WasiContext::path_readlink, kPreopen, p.ptr, p.len, b, 16, g.alloc(4)); }},
      {"path_readlink", "bufused", [P](Guest& g, uint32_t, uint32_t b) { auto p = P(g, "l"); return later(g, &WasiContext::path_readlink, kPreopen, p.ptr, p.len, g.alloc(16), 16, b); }},
      {"path_remove_directory", "path", [](Guest& g, uint32_t, uint32_t b) { return later(g, &WasiContext::path_remove_directory, kPreopen, b, 4); }},
      {"path_rename", "old_path", [P](Guest& g, uint32_t, uint32_t b) { auto p = P(g, "n"); return later(g, &WasiContext::path_rename, kPreopen, b, 4, kPreopen, p.ptr, p.len); }},
      {"path_rename", "new_path", [P](Guest& g, uint32_t, uint32_t b) { auto p = P(g, "f"); return later(g, &WasiContext::path_rename, kPreopen, p.ptr, p.len, kPreopen, b, 4); }},
      {"path_symlink", "old_path", [P](Guest& g, uint32_t, uint32_t b) { auto p = P(g, "n"); return later(g, &WasiContext::path_symlink, b, 4, kPreopen, p.ptr, p.len); }},
      {"path_symlink", "new_path", [P](Guest& g, uint32_t, uint32_t b) { auto p = P(g, "f"); return later(g, &WasiContext::path_symlink, p.ptr, p.len, kPreopen, b, 4); }},
      {"path_unlink_file", "path", [](Guest& g, uint32_t, uint32_t b) { return later(g, &WasiContext::path_unlink_file, kPreopen, b, 4); }},
      {"poll_oneoff", "in", [](Guest& g, uint32_t, uint32_t b) { return later(g, &WasiContext::poll_oneoff, b, g.alloc(32), 1, g.alloc(4)); }},
      {"poll_oneoff", "out", [](Guest& g, uint32_t, uint32_t b) { return later(g, &WasiContext::poll_oneoff, g.alloc(48), b, 1, g.alloc(4)); }},
      {"poll_oneoff", "nevents", [](Guest& g, uint32_t, uint32_t b) { return later(g, &WasiContext::poll_oneoff, g.alloc(48), g.alloc(32), 1, b); }},
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
      Call call = c.prepare(g, fd, bad);
      const std::vector<uint8_t> before(g.raw(), g.raw() + kMemSize);
      EXPECT_EQ(call(), Errno::fault) << c.function << " " << c.pointer << " at " << bad;
      // A call that faults writes nothing into guest memory: no partial
      // results, no bytes read before the fault was seen.
      const auto [was, now] = std::mismatch(before.begin(), before.end(), g.raw());
      EXPECT_EQ(was, before.end()) << c.function << " " << c.pointer << " at " << bad
                                   << " changed guest memory at offset " << (was - before.begin());
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

// An empty memory (a module without one) makes every pointer fault. Each
// function that takes a pointer is called through the dispatch table with
// valid descriptors (a file as fd 0, a socket as fd 1, the preopen as fd 3),
// non-zero lengths and pointers at 8: it must answer fault, and do nothing.
// The functions without a pointer are listed, so that all 46 are accounted for.
TEST(Fault, NoMemoryAtAll) {
  const std::string root = make_temp_dir("nomem");
  write_host_file(root + "/f", "contents");
  const int file = open((root + "/f").c_str(), O_RDWR | O_CLOEXEC);
  int sv[2];
  ASSERT_GE(file, 0);
  ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
  ASSERT_EQ(write(sv[1], "queued", 6), 6);
  WasiOptions o;
  o.args = {"prog", "arg"};
  o.env = {"A=1"};
  o.stdin_fd = file;
  o.stdout_fd = sv[0];
  o.stderr_fd = -1;
  o.preopens.push_back({root, "/sandbox", false});
  WasiContext ctx(o);
  GuestMemory none;

  constexpr uint64_t F = 0, S = 1, D = kPreopen, P = 8, L = 4;
  const std::map<std::string_view, std::vector<uint64_t>> with_pointers = {
      {"args_get", {P, P}},
      {"args_sizes_get", {P, P}},
      {"environ_get", {P, P}},
      {"environ_sizes_get", {P, P}},
      {"clock_res_get", {0, P}},
      {"clock_time_get", {0, 0, P}},
      {"random_get", {P, L}},
      {"fd_fdstat_get", {F, P}},
      {"fd_filestat_get", {F, P}},
      {"fd_pread", {F, P, 1, 0, P}},
      {"fd_prestat_get", {D, P}},
      {"fd_prestat_dir_name", {D, P, 64}},
      {"fd_pwrite", {F, P, 1, 0, P}},
      {"fd_read", {F, P, 1, P}},
      {"fd_readdir", {D, P, 64, 0, P}},
      {"fd_seek", {F, 0, 0, P}},
      {"fd_tell", {F, P}},
      {"fd_write", {F, P, 1, P}},
      {"path_create_directory", {D, P, L}},
      {"path_filestat_get", {D, 0, P, L, P}},
      {"path_filestat_set_times", {D, 0, P, L, 0, 0, wasi::fstflag::mtim_now}},
      {"path_link", {D, 0, P, L, D, P, L}},
      {"path_open", {D, 0, P, L, wasi::oflag::creat, 0, 0, 0, P}},
      {"path_readlink", {D, P, L, P, L, P}},
      {"path_remove_directory", {D, P, L}},
      {"path_rename", {D, P, L, D, P, L}},
      {"path_symlink", {P, L, D, P, L}},
      {"path_unlink_file", {D, P, L}},
      {"poll_oneoff", {P, P, 1, P}},
      {"sock_accept", {S, 0, P}},
      {"sock_recv", {S, P, 1, 0, P, P}},
      {"sock_send", {S, P, 1, 0, P}},
  };
  const std::set<std::string_view> without_pointers = {
      "fd_advise", "fd_allocate", "fd_close", "fd_datasync", "fd_fdstat_set_flags",
      "fd_fdstat_set_rights", "fd_filestat_set_size", "fd_filestat_set_times", "fd_renumber",
      "fd_sync", "proc_exit", "proc_raise", "sched_yield", "sock_shutdown"};
  size_t checked = 0;
  for (const auto& imp : wasi_imports()) {
    if (without_pointers.count(imp.name)) continue;
    auto it = with_pointers.find(imp.name);
    ASSERT_NE(it, with_pointers.end()) << imp.name << " is in neither list";
    ASSERT_EQ(it->second.size(), imp.params.size()) << imp.name;
    uint64_t args[9] = {};
    std::copy(it->second.begin(), it->second.end(), args);
    EXPECT_EQ(imp.call(ctx, none, args), static_cast<uint32_t>(Errno::fault)) << imp.name;
    ++checked;
  }
  EXPECT_EQ(checked + without_pointers.size(), 46u);
  // Nothing happened: the file, the sandbox and the socket's queue are as they were.
  EXPECT_EQ(read_host_file(root + "/f"), "contents");
  size_t entries = 0;
  for ([[maybe_unused]] auto& e : fs::directory_iterator(root)) ++entries;
  EXPECT_EQ(entries, 1u);
  char got[8];
  EXPECT_EQ(recv(sv[1], got, sizeof got, MSG_DONTWAIT), -1);  // nothing was sent
  EXPECT_EQ(recv(sv[0], got, sizeof got, MSG_DONTWAIT), 6);   // nothing was received
  close(file);
  close(sv[0]);
  close(sv[1]);
  fs::remove_all(root);
}

}  // namespace
}  // namespace wasishim::testing
