// A WasiContext driven natively: guest memory is a std::vector, the sandbox is
// a fresh temporary directory preopened as fd 3, and host-side helpers set up
// and inspect files directly with POSIX calls (never through the code under
// test).
#pragma once

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <ostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "abi/guest_memory.h"
#include "wasi/context.h"
#include "wasi/types.h"

namespace wasishim::wasi {
// Errno names in test failure messages.
inline void PrintTo(Errno e, std::ostream* os) { *os << errno_name(e); }
}  // namespace wasishim::wasi

namespace wasishim::testing {

using wasi::Errno;
namespace fs = std::filesystem;

inline std::string make_temp_dir(const char* tag) {
  std::string tmpl = (fs::temp_directory_path() / (std::string("wasishim-") + tag + "-XXXXXX")).string();
  char* p = mkdtemp(tmpl.data());
  if (!p) std::abort();
  return tmpl;
}

inline void write_host_file(const std::string& path, std::string_view contents) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << contents;
}

inline std::optional<std::string> read_host_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline bool host_exists(const std::string& path) {
  struct stat st {};
  return lstat(path.c_str(), &st) == 0;
}

constexpr wasi::Fd kPreopen = 3;
constexpr uint32_t kMemSize = 1u << 16;

class Guest {
 public:
  explicit Guest(bool read_only = false, std::vector<std::string> extra_dirs = {})
      : root_(make_temp_dir("unit")), bytes_(kMemSize, 0), mem_(bytes_.data(), bytes_.size()) {
    WasiOptions o;
    o.args = {"prog", "arg one"};
    o.env = {"A=1", "LONGER=value"};
    o.preopens.push_back({root_, "/sandbox", read_only});
    for (auto& d : extra_dirs) o.preopens.push_back({d, "/extra", false});
    ctx_ = std::make_unique<WasiContext>(o);
  }
  ~Guest() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  Guest(const Guest&) = delete;

  WasiContext& ctx() { return *ctx_; }
  GuestMemory& mem() { return mem_; }
  const std::string& root() const { return root_; }
  std::string host(std::string_view rel) const { return root_ + "/" + std::string(rel); }

  // Bump-allocates guest memory, 8-aligned, starting above address 0 so that
  // 0 can serve as an obviously wrong pointer in some tests.
  uint32_t alloc(uint32_t n) {
    uint32_t p = next_;
    next_ = (next_ + n + 7) & ~7u;
    if (next_ > kMemSize) std::abort();
    return p;
  }
  uint32_t str(std::string_view s) {
    uint32_t p = alloc(static_cast<uint32_t>(s.size()) + 1);
    std::memcpy(bytes_.data() + p, s.data(), s.size());
    return p;
  }
  uint32_t u32_at(uint32_t p) const { uint32_t v; std::memcpy(&v, bytes_.data() + p, 4); return v; }
  uint64_t u64_at(uint32_t p) const { uint64_t v; std::memcpy(&v, bytes_.data() + p, 8); return v; }
  uint16_t u16_at(uint32_t p) const { uint16_t v; std::memcpy(&v, bytes_.data() + p, 2); return v; }
  uint8_t u8_at(uint32_t p) const { return bytes_[p]; }
  void put_u32(uint32_t p, uint32_t v) { std::memcpy(bytes_.data() + p, &v, 4); }
  void put_u64(uint32_t p, uint64_t v) { std::memcpy(bytes_.data() + p, &v, 8); }
  std::string text(uint32_t p, uint32_t n) const { return std::string(reinterpret_cast<const char*>(bytes_.data() + p), n); }
  uint8_t* raw() { return bytes_.data(); }

  // An iovec array of one buffer; returns the iovec array's address.
  uint32_t iov(uint32_t buf, uint32_t len) {
    uint32_t v = alloc(8);
    put_u32(v, buf);
    put_u32(v + 4, len);
    return v;
  }

  // path_open with the directory's full inheritable rights unless told.
  Errno open(std::string_view path, uint32_t oflags, uint64_t rights, uint32_t& fd,
             uint32_t dirflags = wasi::lookupflag::symlink_follow, uint32_t fdflags = 0,
             uint32_t dir = kPreopen) {
    uint32_t p = str(path);
    uint32_t out = alloc(4);
    Errno e = ctx_->path_open(mem_, dir, dirflags, p, static_cast<uint32_t>(path.size()), oflags,
                              rights, rights, fdflags, out);
    fd = e == Errno::success ? u32_at(out) : ~0u;
    return e;
  }
  Errno write(uint32_t fd, std::string_view data) {
    uint32_t b = str(data);
    uint32_t v = iov(b, static_cast<uint32_t>(data.size()));
    uint32_t n = alloc(4);
    return ctx_->fd_write(mem_, fd, v, 1, n);
  }
  Errno read(uint32_t fd, uint32_t max, std::string& out) {
    uint32_t b = alloc(max);
    uint32_t v = iov(b, max);
    uint32_t n = alloc(4);
    Errno e = ctx_->fd_read(mem_, fd, v, 1, n);
    if (e == Errno::success) out = text(b, u32_at(n));
    return e;
  }
  // Calls a path-taking function with a path placed in guest memory.
  struct PathArg {
    uint32_t ptr, len;
  };
  PathArg path(std::string_view p) { return {str(p), static_cast<uint32_t>(p.size())}; }

 private:
  std::string root_;
  std::vector<uint8_t> bytes_;
  GuestMemory mem_;
  std::unique_ptr<WasiContext> ctx_;
  uint32_t next_ = 64;
};

// A context whose stdio descriptor `guest_fd` (0, 1 or 2) is one end of a
// socketpair of `type`; the test holds the other end as peer(). The context
// keeps its own duplicate of the guest's end, so that end is closed here.
class SocketGuest {
 public:
  SocketGuest(int type, int guest_fd, size_t memory_bytes)
      : bytes_(memory_bytes), mem_(bytes_.data(), bytes_.size()) {
    int sv[2];
    if (socketpair(AF_UNIX, type, 0, sv) != 0) std::abort();
    WasiOptions o;
    (guest_fd == 0 ? o.stdin_fd : guest_fd == 1 ? o.stdout_fd : o.stderr_fd) = sv[0];
    ctx_ = std::make_unique<WasiContext>(o);
    ::close(sv[0]);
    peer_ = sv[1];
  }
  ~SocketGuest() { close_peer(); }
  SocketGuest(const SocketGuest&) = delete;
  SocketGuest& operator=(const SocketGuest&) = delete;

  WasiContext& ctx() { return *ctx_; }
  GuestMemory& mem() { return mem_; }
  uint8_t* bytes() { return bytes_.data(); }
  int peer() const { return peer_; }
  void close_peer() {
    if (peer_ >= 0) ::close(peer_);
    peer_ = -1;
  }

 private:
  std::vector<uint8_t> bytes_;
  GuestMemory mem_;
  std::unique_ptr<WasiContext> ctx_;
  int peer_ = -1;
};

}  // namespace wasishim::testing
