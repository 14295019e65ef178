/* wasishim overlay: wasi-libc's <sys/socket.h> (accept, recv, send, shutdown,
 * getsockopt on sockets the host passed in) plus the calls preview1 cannot
 * make, declared so code compiles: socket, socketpair, bind, connect,
 * listen, getsockname, getpeername, setsockopt, sendmsg and recvmsg fail
 * with ENOSYS (ENOTSOCK, EBADF on what is not a socket); sendto and recvfrom
 * without an address are send and recv. See docs/porting.md. */
#include_next <sys/socket.h>

#ifndef WASISHIM_OVERLAY_SYS_SOCKET_H
#define WASISHIM_OVERLAY_SYS_SOCKET_H
/* Socket options programs name even where setsockopt cannot apply them
 * (Linux's values; wasi-libc keeps its own SOL_SOCKET). */
#ifndef SO_REUSEADDR
#define SO_DEBUG 1
#define SO_REUSEADDR 2
#define SO_ERROR 4
#define SO_DONTROUTE 5
#define SO_BROADCAST 6
#define SO_SNDBUF 7
#define SO_RCVBUF 8
#define SO_KEEPALIVE 9
#define SO_OOBINLINE 10
#define SO_LINGER 13
#define SO_REUSEPORT 15
#define SO_RCVLOWAT 18
#define SO_SNDLOWAT 19
#define SO_RCVTIMEO 20
#define SO_SNDTIMEO 21
#define SO_ACCEPTCONN 30
#endif
/* A socket never raises SIGPIPE in an instance (docs/porting.md). */
#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0
#endif
#ifdef __cplusplus
extern "C" {
#endif
int socket(int, int, int);
int socketpair(int, int, int, int[2]);
int bind(int, const struct sockaddr*, socklen_t);
int connect(int, const struct sockaddr*, socklen_t);
int listen(int, int);
int getsockname(int, struct sockaddr* __restrict, socklen_t* __restrict);
int getpeername(int, struct sockaddr* __restrict, socklen_t* __restrict);
int setsockopt(int, int, int, const void*, socklen_t);
ssize_t sendto(int, const void*, size_t, int, const struct sockaddr*, socklen_t);
ssize_t recvfrom(int, void* __restrict, size_t, int, struct sockaddr* __restrict,
                 socklen_t* __restrict);
ssize_t sendmsg(int, const struct msghdr*, int);
ssize_t recvmsg(int, struct msghdr*, int);
int sockatmark(int);
#ifdef __cplusplus
}
#endif
#endif
