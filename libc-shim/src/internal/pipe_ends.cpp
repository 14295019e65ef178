// Pipe ends inside one instance (pipe and pipe2 are in unistd/pipe.cpp).
// preview1 cannot create a pipe, and an instance is one single-threaded
// process, so both ends live here: the bytes in a pipe_buffer, each end an
// open file description in the descriptor table. Where Linux would block and
// nothing in the instance could ever wake it (reading an empty pipe whose
// writer is this same program, writing a full one), the call fails with
// EDEADLK instead (docs/porting.md); only the interval timer's signal can run
// code meanwhile, and a wait for it happens.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pipe_buffer.h"
#include "shim.h"
#include "signals.h"

namespace wasishim::shim {

namespace {

size_t total_length(const struct iovec* iov, int count) {
  size_t n = 0;
  for (int i = 0; i < count; ++i) n += iov[i].iov_len;
  return n;
}

bool restarts_after_timer_signal() {
  struct sigaction sa;
  return sigaction(SIGALRM, nullptr, &sa) == 0 && (sa.sa_flags & SA_RESTART);
}

// After a wait in which nothing could change the pipe: go round again when a
// handler may have changed it and the call restarts, else the error.
result<bool> keep_waiting() {
  auto ran = wait_for_timer_signal();
  if (!ran) return failure(ran.error());
  if (!*ran) return failure(errc::deadlk);
  return true;
}

}  // namespace

result<bool> wait_for_timer_signal() {
  if (&__wasishim_alarm_deadline == nullptr) return false;
  for (sys::timestamp_t due; (due = __wasishim_alarm_deadline()) != 0;) {
    auto now = sys::clock_time_get(sys::clockid::monotonic, 1);
    if (!now) return failure(now.error());
    if (*now < due) {
      sys::subscription sub{};
      sub.type = sys::eventtype::clock;
      sub.u.clock.id = sys::clockid::monotonic;
      sub.u.clock.timeout = due - *now;
      sys::event ev{};
      if (auto n = sys::poll_oneoff(&sub, &ev, 1); !n) return failure(n.error());
      continue;
    }
    if (__wasishim_alarm_expire()) return true;
    // Ignored or blocked: a periodic timer may still come round.
  }
  return false;
}

result<size_t> pipe_read(description& d, const struct iovec* iov, int count) {
  if (d.kind != description_kind::pipe_read) return failure(errc::badf);
  if (count < 0 || count > IOV_MAX) return failure(errc::inval);
  if (total_length(iov, count) == 0) return size_t{0};
  pipe_buffer& p = *d.pipe;
  for (;;) {
    if (p.available() > 0) {
      size_t n = 0;
      for (int i = 0; i < count && p.available() > 0; ++i) n += p.take(iov[i].iov_base, iov[i].iov_len);
      return n;
    }
    if (p.writers == 0) return size_t{0};  // end of file
    if (d.status_flags & O_NONBLOCK) return failure(errc::again);
    auto again = keep_waiting();
    if (!again) return failure(again.error());
    if (p.available() == 0 && p.writers > 0 && !restarts_after_timer_signal())
      return failure(errc::intr);
  }
}

result<size_t> pipe_write(description& d, const struct iovec* iov, int count) {
  if (d.kind != description_kind::pipe_write) return failure(errc::badf);
  if (count < 0 || count > IOV_MAX) return failure(errc::inval);
  const size_t total = total_length(iov, count);
  if (total == 0) return size_t{0};
  pipe_buffer& p = *d.pipe;
  for (;;) {
    if (p.readers == 0) {
      // SIGPIPE's default action ends the instance (status 141); caught,
      // ignored or blocked, the write fails with EPIPE.
      (void)send_signal(SIGPIPE, SI_USER);
      return failure(errc::pipe);
    }
    size_t want = p.acceptable(total);
    if (want > 0) {
      size_t n = 0;
      for (int i = 0; i < count && n < want; ++i) {
        size_t part = iov[i].iov_len < want - n ? iov[i].iov_len : want - n;
        n += p.put(iov[i].iov_base, part);
      }
      return n;
    }
    if (d.status_flags & O_NONBLOCK) return failure(errc::again);
    auto again = keep_waiting();
    if (!again) return failure(again.error());
    if (p.acceptable(total) == 0 && p.readers > 0 && !restarts_after_timer_signal())
      return failure(errc::intr);
  }
}

void pipe_stat(const description& d, struct stat* out) {
  memset(out, 0, sizeof *out);
  out->st_dev = pipe_device;
  out->st_ino = d.pipe->id;
  out->st_mode = S_IFIFO | S_IRUSR | S_IWUSR;  // as Linux's pipefs gives them
  out->st_nlink = 1;
  out->st_uid = getuid();
  out->st_gid = getgid();
  out->st_blksize = 4096;
}

short pipe_poll_events(const description& d) {
  const pipe_buffer& p = *d.pipe;
  short events = 0;
  if (d.kind == description_kind::pipe_read) {
    if (p.available() > 0) events |= POLLIN;
    if (p.writers == 0) events |= POLLHUP;
  } else {
    // Writable when a PIPE_BUF write would not wait.
    if (p.room() >= pipe_atomic_size) events |= POLLOUT;
    if (p.readers == 0) events |= POLLERR;
  }
  return events;
}

void pipe_end_closed(description& d) {
  pipe_buffer* p = d.pipe;
  if (d.kind == description_kind::pipe_read)
    --p->readers;
  else
    --p->writers;
  if (p->readers == 0 && p->writers == 0) pipe_buffer::destroy(p);
}

}  // namespace wasishim::shim
