// The socket calls preview1 cannot make. A program reaches sockets only
// through descriptors the host passed in (accept, recv, send, shutdown and
// getsockopt are wasi-libc's): creating, binding, connecting, listening and
// addressing fail with ENOSYS on a socket, ENOTSOCK on another descriptor,
// EBADF on none. sendto and recvfrom without an address are send and recv.
// docs/porting.md.
#include <sys/socket.h>

#include "shim.h"

namespace wasishim::shim {
namespace {

errc not_on_socket(int fd) {
  auto wasi = wasi_fd(fd, errc::notsock);
  if (!wasi) return wasi.error();
  auto st = sys::fd_fdstat_get(*wasi);
  if (!st) return errc::badf;
  const bool socket = st->fs_filetype == sys::filetype::socket_stream ||
                      st->fs_filetype == sys::filetype::socket_dgram;
  return socket ? errc::nosys : errc::notsock;
}

}  // namespace
}  // namespace wasishim::shim

using namespace wasishim::shim;

extern "C" {

int socket(int domain, int type, int protocol) {
  (void)domain, (void)type, (void)protocol;
  return fail(errc::nosys);
}

int socketpair(int domain, int type, int protocol, int fds[2]) {
  (void)domain, (void)type, (void)protocol, (void)fds;
  return fail(errc::nosys);
}

int bind(int fd, const struct sockaddr* addr, socklen_t len) {
  (void)addr, (void)len;
  return fail(not_on_socket(fd));
}

int connect(int fd, const struct sockaddr* addr, socklen_t len) {
  (void)addr, (void)len;
  return fail(not_on_socket(fd));
}

int listen(int fd, int backlog) {
  (void)backlog;
  return fail(not_on_socket(fd));
}

int getsockname(int fd, struct sockaddr* __restrict addr, socklen_t* __restrict len) {
  (void)addr, (void)len;
  return fail(not_on_socket(fd));
}

int getpeername(int fd, struct sockaddr* __restrict addr, socklen_t* __restrict len) {
  (void)addr, (void)len;
  return fail(not_on_socket(fd));
}

int setsockopt(int fd, int level, int name, const void* value, socklen_t len) {
  (void)level, (void)name, (void)value, (void)len;
  return fail(not_on_socket(fd));
}

int sockatmark(int fd) { return fail(not_on_socket(fd)); }

ssize_t sendto(int fd, const void* buf, size_t len, int flags, const struct sockaddr* addr,
               socklen_t addr_len) {
  if (addr == nullptr) return send(fd, buf, len, flags);
  (void)addr_len;
  return fail(not_on_socket(fd));
}

ssize_t recvfrom(int fd, void* __restrict buf, size_t len, int flags,
                 struct sockaddr* __restrict addr, socklen_t* __restrict addr_len) {
  const ssize_t n = recv(fd, buf, len, flags);
  // Preview1 gives no peer address; POSIX leaves it unspecified then.
  if (n >= 0 && addr != nullptr && addr_len != nullptr) *addr_len = 0;
  return n;
}

ssize_t sendmsg(int fd, const struct msghdr* msg, int flags) {
  (void)msg, (void)flags;
  return fail(not_on_socket(fd));
}

ssize_t recvmsg(int fd, struct msghdr* msg, int flags) {
  (void)msg, (void)flags;
  return fail(not_on_socket(fd));
}

}  // extern "C"
