// sock_accept, sock_recv, sock_send and sock_shutdown on sockets the host
// handed the guest (preview1 has no way to create one). Every other kind of
// descriptor gives notsock.
#include <sys/socket.h>
#include <sys/stat.h>

#include <cerrno>

#include "wasi/context.h"
#include "wasi/errno_map.h"
#include "wasi/filetype.h"

namespace wasishim {

using wasi::Errno;
namespace right = wasi::right;

namespace {

bool is_socket(wasi::Filetype t) {
  return t == wasi::Filetype::socket_stream || t == wasi::Filetype::socket_dgram;
}

constexpr uint16_t kRecvPeek = 1 << 0;
constexpr uint16_t kRecvWaitall = 1 << 1;
constexpr uint16_t kRecvDataTruncated = 1 << 0;
constexpr uint8_t kShutRd = 1 << 0;
constexpr uint8_t kShutWr = 1 << 1;

}  // namespace

Errno WasiContext::sock_accept(M& mem, u32 fd, u32 flags, u32 fd_out) {
  auto e = typed_entry(fd, right::sock_accept, is_socket, Errno::notsock);
  if (!e) return e.error;
  if (flags & ~uint32_t{wasi::fdflag::nonblock}) return Errno::inval;
  if (!mem.in_bounds(fd_out, 4)) return Errno::fault;
  if (fds_.open_count() >= FdTable::kMaxFds) return Errno::mfile;
  int conn;
  do conn = accept4(e->host.get(), nullptr, nullptr,
                    SOCK_CLOEXEC | ((flags & wasi::fdflag::nonblock) ? SOCK_NONBLOCK : 0));
  while (conn < 0 && errno == EINTR);
  if (conn < 0) return wasi::from_host_errno(errno);
  auto entry = std::make_unique<FdEntry>();
  entry->host = UniqueFd(conn);
  entry->type = wasi::Filetype::socket_stream;
  entry->raises_sigpipe = true;
  entry->rights_base = wasi::max_rights_for(entry->type) & ~right::sock_accept;
  entry->fdflags = static_cast<uint16_t>(flags);
  mem.store<uint32_t>(fd_out, fds_.insert(std::move(entry)));
  return Errno::success;
}

Errno WasiContext::sock_recv(M& mem, u32 fd, u32 ri_data, u32 ri_data_len, u32 ri_flags,
                             u32 ro_datalen_out, u32 ro_flags_out) {
  auto e = typed_entry(fd, right::fd_read, is_socket, Errno::notsock);
  if (!e) return e.error;
  if (ri_flags & ~uint32_t{kRecvPeek | kRecvWaitall}) return Errno::inval;
  if (!mem.in_bounds(ro_datalen_out, 4) || !mem.in_bounds(ro_flags_out, 2)) return Errno::fault;
  std::vector<::iovec>& v = iov_scratch_;
  if (auto err = gather_iovs(mem, ri_data, ri_data_len, v); err != Errno::success) return err;
  msghdr msg{};
  msg.msg_iov = v.data();
  msg.msg_iovlen = v.size();
  int host_flags = ((ri_flags & kRecvPeek) ? MSG_PEEK : 0) | ((ri_flags & kRecvWaitall) ? MSG_WAITALL : 0);
  ssize_t n;
  do n = recvmsg(e->host.get(), &msg, host_flags);
  while (n < 0 && errno == EINTR);
  if (n < 0) return wasi::from_host_errno(errno);
  mem.store<uint32_t>(ro_datalen_out, static_cast<uint32_t>(n));
  mem.store<uint16_t>(ro_flags_out, (msg.msg_flags & MSG_TRUNC) ? kRecvDataTruncated : 0);
  return Errno::success;
}

Errno WasiContext::sock_send(M& mem, u32 fd, u32 si_data, u32 si_data_len, u32 si_flags,
                             u32 so_datalen_out) {
  auto e = typed_entry(fd, right::fd_write, is_socket, Errno::notsock);
  if (!e) return e.error;
  if (si_flags != 0) return Errno::inval;  // preview1 defines no send flags
  if (!mem.in_bounds(so_datalen_out, 4)) return Errno::fault;
  std::vector<::iovec>& v = iov_scratch_;
  if (auto err = gather_iovs(mem, si_data, si_data_len, v); err != Errno::success) return err;
  msghdr msg{};
  msg.msg_iov = v.data();
  msg.msg_iovlen = v.size();
  ssize_t n;
  // MSG_NOSIGNAL: a closed peer is the guest's EPIPE, never the host's SIGPIPE.
  do n = sendmsg(e->host.get(), &msg, MSG_NOSIGNAL);
  while (n < 0 && errno == EINTR);
  if (n < 0) return wasi::from_host_errno(errno);
  mem.store<uint32_t>(so_datalen_out, static_cast<uint32_t>(n));
  return Errno::success;
}

Errno WasiContext::sock_shutdown(M&, u32 fd, u32 how) {
  auto e = typed_entry(fd, right::sock_shutdown, is_socket, Errno::notsock);
  if (!e) return e.error;
  int host_how;
  switch (how) {
    case kShutRd: host_how = SHUT_RD; break;
    case kShutWr: host_how = SHUT_WR; break;
    case kShutRd | kShutWr: host_how = SHUT_RDWR; break;
    default: return Errno::inval;
  }
  if (shutdown(e->host.get(), host_how) != 0) return wasi::from_host_errno(errno);
  return Errno::success;
}

}  // namespace wasishim
