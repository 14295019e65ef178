// poll, select and pselect over both kinds of descriptor: pipe ends, whose
// readiness the shim knows, and WASI descriptors, which the host polls with
// poll_oneoff. A pipe cannot change while the instance waits on the host
// (nothing else runs), so a ready pipe makes the wait a check, and a wait on
// pipes alone that no timeout ends can only end by the timer's signal, or
// never: it fails with EDEADLK (docs/porting.md).
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/select.h>
#include <time.h>

#include "shim.h"

namespace wasishim::shim {

namespace {

constexpr int64_t forever = -1;

struct host_poll {
  sys::subscription* subs = nullptr;
  sys::event* events = nullptr;
  size_t count = 0;
  ~host_poll() {
    free(subs);
    free(events);
  }
};

void add_fd(host_poll& h, sys::eventtype type, sys::fd_t fd, size_t index) {
  sys::subscription& s = h.subs[h.count++];
  s = sys::subscription{};
  s.userdata = index;
  s.type = type;
  if (type == sys::eventtype::fd_read)
    s.u.fd_read.file_descriptor = fd;
  else
    s.u.fd_write.file_descriptor = fd;
}

// What the host said of one descriptor, as wasi-libc's poll reads it.
void record_event(const sys::event& ev, struct pollfd& p) {
  if (ev.error == errc::badf) {
    p.revents |= POLLNVAL;
  } else if (ev.error == errc::pipe) {
    p.revents |= POLLHUP;
  } else if (ev.error != errc::success) {
    p.revents |= POLLERR;
  } else {
    p.revents |= ev.type == sys::eventtype::fd_read ? POLLRDNORM : POLLWRNORM;
    if (sys::has(ev.fd_readwrite.flags, sys::eventrwflags::fd_readwrite_hangup))
      p.revents |= POLLHUP;
  }
}

// A wait in which only a signal handler can run: the timer's, if any.
result<void> sleep_without_descriptors(int64_t timeout_ns) {
  if (timeout_ns == 0) return {};
  if (timeout_ns == forever) {
    auto ran = wait_for_timer_signal();
    if (!ran) return failure(ran.error());
    return failure(*ran ? errc::intr : errc::deadlk);
  }
  struct timespec t = {static_cast<time_t>(timeout_ns / 1000000000),
                       static_cast<long>(timeout_ns % 1000000000)};
  if (nanosleep(&t, nullptr) != 0) return failure(errc::intr);
  return {};
}

result<int> poll_all(struct pollfd* fds, nfds_t n, int64_t timeout_ns) {
  if (fds == nullptr && n > 0) return failure(errc::fault);
  if (n > static_cast<nfds_t>(descriptor_limit())) return failure(errc::inval);
  host_poll h;
  h.subs = static_cast<sys::subscription*>(malloc((2 * n + 1) * sizeof(sys::subscription)));
  h.events = static_cast<sys::event*>(malloc((2 * n + 1) * sizeof(sys::event)));
  if (h.subs == nullptr || h.events == nullptr) return failure(errc::nomem);
  bool ready = false;
  for (nfds_t i = 0; i < n; ++i) {
    struct pollfd& p = fds[i];
    p.revents = 0;
    if (p.fd < 0) continue;
    auto f = lookup(p.fd);
    if (!f) {
      p.revents = POLLNVAL;
    } else if (f->is_pipe()) {
      // POLLHUP and POLLERR are reported whether asked for or not.
      p.revents = pipe_poll_events(*f->d) & (p.events | POLLHUP | POLLERR);
    } else if (f->is_device()) {
      p.revents = p.events & (POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM);  // never waits
    } else {
      if (p.events & POLLRDNORM) add_fd(h, sys::eventtype::fd_read, f->wasi, i);
      if (p.events & POLLWRNORM) add_fd(h, sys::eventtype::fd_write, f->wasi, i);
      if (!(p.events & (POLLRDNORM | POLLWRNORM)) && !names_open_file(p.fd)) p.revents = POLLNVAL;
    }
    ready |= p.revents != 0;
  }
  if (h.count == 0) {
    if (!ready)
      if (auto r = sleep_without_descriptors(timeout_ns); !r) return failure(r.error());
  } else {
    if (ready || timeout_ns != forever) {
      sys::subscription& clock = h.subs[h.count++];
      clock = sys::subscription{};
      clock.userdata = UINT64_MAX;
      clock.type = sys::eventtype::clock;
      clock.u.clock.id = sys::clockid::monotonic;
      clock.u.clock.timeout = ready ? 0 : static_cast<sys::timestamp_t>(timeout_ns);
    }
    auto got = sys::poll_oneoff(h.subs, h.events, h.count);
    if (!got) return failure(got.error());
    for (size_t e = 0; e < *got; ++e) {
      const sys::event& ev = h.events[e];
      if (ev.type == sys::eventtype::clock) continue;
      record_event(ev, fds[ev.userdata]);
    }
  }
  int count = 0;
  for (nfds_t i = 0; i < n; ++i) {
    // Hang-up and writability exclude each other (POSIX).
    if (fds[i].revents & POLLHUP) fds[i].revents &= ~POLLWRNORM;
    if (fds[i].revents != 0) ++count;
  }
  return count;
}

int64_t timeout_of(const struct timespec* t) {
  if (t == nullptr) return forever;
  return static_cast<int64_t>(t->tv_sec) * 1000000000 + t->tv_nsec;
}

result<int> select_all(int nfds, fd_set* readable, fd_set* writable, fd_set* exceptional,
                       const struct timespec* timeout) {
  if (nfds < 0 || nfds > FD_SETSIZE) return failure(errc::inval);
  if (timeout != nullptr &&
      (timeout->tv_sec < 0 || timeout->tv_nsec < 0 || timeout->tv_nsec >= 1000000000))
    return failure(errc::inval);
  struct pollfd* p = static_cast<struct pollfd*>(calloc(nfds > 0 ? nfds : 1, sizeof *p));
  if (p == nullptr) return failure(errc::nomem);
  nfds_t n = 0;
  for (int fd = 0; fd < nfds; ++fd) {
    short events = 0;
    if (readable != nullptr && FD_ISSET(fd, readable)) events |= POLLRDNORM;
    if (writable != nullptr && FD_ISSET(fd, writable)) events |= POLLWRNORM;
    if (events == 0) continue;
    p[n++] = pollfd{fd, events, 0};
  }
  auto r = poll_all(p, n, timeout_of(timeout));
  if (r) {
    for (nfds_t i = 0; i < n; ++i)
      if (p[i].revents & POLLNVAL) r = failure(errc::badf);
  }
  if (r) {
    if (readable != nullptr) FD_ZERO(readable);
    if (writable != nullptr) FD_ZERO(writable);
    // No descriptor here has exceptional conditions (out-of-band data).
    if (exceptional != nullptr) FD_ZERO(exceptional);
    int count = 0;
    for (nfds_t i = 0; i < n; ++i) {
      const short got = p[i].revents;
      if ((p[i].events & POLLRDNORM) && (got & (POLLRDNORM | POLLHUP | POLLERR))) {
        FD_SET(p[i].fd, readable);
        ++count;
      }
      if ((p[i].events & POLLWRNORM) && (got & (POLLWRNORM | POLLERR))) {
        FD_SET(p[i].fd, writable);
        ++count;
      }
    }
    r = count;
  }
  free(p);
  return r;
}

}  // namespace
}  // namespace wasishim::shim

using namespace wasishim::shim;

extern "C" {

int poll(struct pollfd* fds, nfds_t n, int timeout_ms) {
  return to_c(poll_all(fds, n, timeout_ms < 0 ? forever : int64_t{timeout_ms} * 1000000));
}

int pselect(int nfds, fd_set* __restrict readable, fd_set* __restrict writable,
            fd_set* __restrict exceptional, const struct timespec* __restrict timeout,
            const sigset_t* __restrict mask) {
  sigset_t old;
  if (mask != nullptr && sigprocmask(SIG_SETMASK, mask, &old) != 0) return -1;
  auto r = select_all(nfds, readable, writable, exceptional, timeout);
  if (mask != nullptr) sigprocmask(SIG_SETMASK, &old, nullptr);
  return to_c(r);
}

int select(int nfds, fd_set* __restrict readable, fd_set* __restrict writable,
           fd_set* __restrict exceptional, struct timeval* __restrict timeout) {
  struct timespec t;
  if (timeout != nullptr) {
    if (timeout->tv_sec < 0 || timeout->tv_usec < 0 || timeout->tv_usec >= 1000000)
      return fail(errc::inval);
    t = {timeout->tv_sec, static_cast<long>(timeout->tv_usec) * 1000};
  }
  return to_c(select_all(nfds, readable, writable, exceptional, timeout ? &t : nullptr));
}

}  // extern "C"
