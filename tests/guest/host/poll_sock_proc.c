/* wasishim-test: node-differs Node's poll_oneoff fails with EPERM when subscribed to a regular file, and its sock_* calls on a file or directory return ENOTCAPABLE instead of ENOTSOCK */
/* poll_oneoff with relative and absolute clocks and fd readiness; sock_* on
 * non-sockets and bad fds; proc_raise with a harmless signal; sched_yield. */
#include "wasi_host.h"

static __wasi_timestamp_t now(__wasi_clockid_t id) {
  __wasi_timestamp_t t = 0;
  (void)__wasi_clock_time_get(id, 1, &t);
  return t;
}

int main(void) {
  __wasi_subscription_t subs[3];
  __wasi_event_t events[3];
  __wasi_size_t n;
  memset(subs, 0, sizeof subs);

  /* A relative 20 ms monotonic timer. */
  subs[0].userdata = 11;
  subs[0].u.tag = __WASI_EVENTTYPE_CLOCK;
  subs[0].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  subs[0].u.u.clock.timeout = 20000000;
  __wasi_timestamp_t t0 = now(__WASI_CLOCKID_MONOTONIC);
  E("poll relative", __wasi_poll_oneoff(subs, events, 1, &n));
  printf("waited >= 20ms: %d, events %u, userdata %llu, type %d, error %d\n",
         now(__WASI_CLOCKID_MONOTONIC) - t0 >= 20000000, (unsigned)n, (unsigned long long)events[0].userdata,
         events[0].type, events[0].error);

  /* An absolute realtime deadline 20 ms ahead. */
  subs[0].userdata = 12;
  subs[0].u.u.clock.id = __WASI_CLOCKID_REALTIME;
  subs[0].u.u.clock.timeout = now(__WASI_CLOCKID_REALTIME) + 20000000;
  subs[0].u.u.clock.flags = __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME;
  t0 = now(__WASI_CLOCKID_MONOTONIC);
  E("poll absolute", __wasi_poll_oneoff(subs, events, 1, &n));
  printf("waited >= 15ms: %d, userdata %llu\n", now(__WASI_CLOCKID_MONOTONIC) - t0 >= 15000000,
         (unsigned long long)events[0].userdata);

  /* A readable file beats a long timer; a bad fd is an event error. */
  REQUIRE(make_file("data", "0123456789") == 0);
  __wasi_fd_t fd;
  REQUIRE(open_at("data", 0, 0, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_POLL_FD_READWRITE, 0, &fd) == 0);
  memset(subs, 0, sizeof subs);
  subs[0].userdata = 21;
  subs[0].u.tag = __WASI_EVENTTYPE_FD_READ;
  subs[0].u.u.fd_read.file_descriptor = fd;
  subs[1].userdata = 22;
  subs[1].u.tag = __WASI_EVENTTYPE_CLOCK;
  subs[1].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  subs[1].u.u.clock.timeout = 10000000000ull;
  E("poll file readable", __wasi_poll_oneoff(subs, events, 2, &n));
  printf("events %u, userdata %llu, type %d, nbytes %llu\n", (unsigned)n, (unsigned long long)events[0].userdata,
         events[0].type, (unsigned long long)events[0].fd_readwrite.nbytes);
  subs[0].u.u.fd_read.file_descriptor = 999;
  E("poll bad fd", __wasi_poll_oneoff(subs, events, 2, &n));
  printf("events %u, userdata %llu, error %s\n", (unsigned)n, (unsigned long long)events[0].userdata,
         errname(events[0].error));
  E("poll nothing", __wasi_poll_oneoff(subs, events, 0, &n));

  /* Sockets: the sandbox directory and a file are not sockets. */
  __wasi_fd_t out;
  __wasi_size_t len;
  __wasi_roflags_t roflags;
  uint8_t b[4];
  __wasi_iovec_t iov = {b, sizeof b};
  __wasi_ciovec_t ciov = {b, sizeof b};
  E("sock_accept file", __wasi_sock_accept(fd, 0, &out));
  E("sock_recv file", __wasi_sock_recv(fd, &iov, 1, 0, &len, &roflags));
  E("sock_send file", __wasi_sock_send(fd, &ciov, 1, 0, &len));
  E("sock_shutdown dir", __wasi_sock_shutdown(SANDBOX, __WASI_SDFLAGS_WR));
  E("sock_accept bad fd", __wasi_sock_accept(999, 0, &out));
  E("sock_recv bad fd", __wasi_sock_recv(999, &iov, 1, 0, &len, &roflags));
  E("sock_send bad fd", __wasi_sock_send(999, &ciov, 1, 0, &len));
  E("sock_shutdown bad fd", __wasi_sock_shutdown(999, __WASI_SDFLAGS_WR));

  /* SIGCHLD's default action is to ignore it; the guest keeps running. */
  E("proc_raise SIGCHLD", wasishim_proc_raise(WASI_SIGCHLD));
  E("sched_yield", __wasi_sched_yield());
  E("clock bad id", __wasi_clock_time_get(7, 1, &t0));
  return 0;
}
