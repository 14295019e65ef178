// poll_oneoff: clock subscriptions (relative and absolute, realtime and
// monotonic) and descriptor readiness, in one blocking wait.
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>

#include "wasi/context.h"
#include "wasi/errno_map.h"

namespace wasishim {

using wasi::Errno;
namespace layout = wasi::layout;

namespace {

struct Event {
  uint64_t userdata = 0;
  Errno error = Errno::success;
  wasi::Eventtype type = wasi::Eventtype::clock;
  uint64_t nbytes = 0;
  uint16_t flags = 0;
};

int64_t now_ns(clockid_t clk) {
  timespec ts{};
  clock_gettime(clk, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

int64_t saturating_add(int64_t a, uint64_t b) {
  if (b > static_cast<uint64_t>(INT64_MAX - a)) return INT64_MAX;
  return a + static_cast<int64_t>(b);
}

// Bytes available to read: what is left of a regular file, or what the
// kernel reports queued for a pipe, socket or terminal.
uint64_t readable_bytes(int fd) {
  struct stat st {};
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    off_t pos = lseek(fd, 0, SEEK_CUR);
    if (pos >= 0 && st.st_size > pos) return static_cast<uint64_t>(st.st_size - pos);
    return 0;
  }
  int n = 0;
  if (ioctl(fd, FIONREAD, &n) == 0 && n > 0) return static_cast<uint64_t>(n);
  return 0;
}

}  // namespace

Errno WasiContext::poll_oneoff(M& mem, u32 in, u32 out, u32 nsubscriptions, u32 nevents_out) {
  // Waiting for nothing would block forever.
  if (nsubscriptions == 0) return Errno::inval;
  auto subs = mem.bytes(in, uint64_t{nsubscriptions} * layout::subscription_size);
  auto events_window = mem.bytes(out, uint64_t{nsubscriptions} * layout::event_size);
  if (!subs || !events_window || !mem.in_bounds(nevents_out, 4)) return Errno::fault;
  // Copy the subscriptions first: the guest may let the two arrays overlap.
  std::vector<uint8_t> sub_bytes(subs->begin(), subs->end());

  std::vector<Event> ready;
  std::vector<pollfd> pfds;
  std::vector<Event> pfd_events;  // the event each pollfd would produce
  struct Timer {
    uint64_t userdata;
    int64_t deadline;  // CLOCK_MONOTONIC ns
  };
  std::vector<Timer> timers;
  const int64_t start = now_ns(CLOCK_MONOTONIC);

  for (u32 i = 0; i < nsubscriptions; ++i) {
    const uint8_t* s = sub_bytes.data() + size_t{i} * layout::subscription_size;
    uint64_t userdata;
    std::memcpy(&userdata, s, 8);
    const uint8_t tag = s[8];
    if (tag == static_cast<uint8_t>(wasi::Eventtype::clock)) {
      uint32_t clock_id;
      uint64_t timeout;
      uint16_t flags;
      std::memcpy(&clock_id, s + 16, 4);
      std::memcpy(&timeout, s + 24, 8);
      std::memcpy(&flags, s + 40, 2);
      clockid_t clk;
      switch (static_cast<wasi::Clockid>(clock_id)) {
        case wasi::Clockid::realtime: clk = CLOCK_REALTIME; break;
        case wasi::Clockid::monotonic: clk = CLOCK_MONOTONIC; break;
        default:
          // CPU-time clocks cannot be waited on.
          ready.push_back({userdata, Errno::inval, wasi::Eventtype::clock, 0, 0});
          continue;
      }
      int64_t deadline;
      if (flags & wasi::subclockflag_abstime) {
        int64_t now = clk == CLOCK_MONOTONIC ? start : now_ns(clk);
        int64_t remaining = timeout > static_cast<uint64_t>(INT64_MAX)
                                ? INT64_MAX
                                : static_cast<int64_t>(timeout) - now;
        deadline = saturating_add(start, static_cast<uint64_t>(std::max<int64_t>(remaining, 0)));
      } else {
        deadline = saturating_add(start, timeout);
      }
      timers.push_back({userdata, deadline});
    } else if (tag == static_cast<uint8_t>(wasi::Eventtype::fd_read) ||
               tag == static_cast<uint8_t>(wasi::Eventtype::fd_write)) {
      uint32_t fd;
      std::memcpy(&fd, s + 16, 4);
      const auto type = static_cast<wasi::Eventtype>(tag);
      auto e = fds_.get(fd, wasi::right::poll_fd_readwrite);
      if (!e) {
        ready.push_back({userdata, e.error, type, 0, 0});
        continue;
      }
      pfds.push_back({e->host.get(), static_cast<short>(type == wasi::Eventtype::fd_read ? POLLIN : POLLOUT), 0});
      pfd_events.push_back({userdata, Errno::success, type, 0, 0});
    } else {
      return Errno::inval;
    }
  }

  for (;;) {
    // Errors already found are reported without waiting.
    std::optional<int64_t> wait_ns;
    if (!ready.empty()) {
      wait_ns = 0;
    } else if (!timers.empty()) {
      int64_t earliest = INT64_MAX;
      for (const auto& t : timers) earliest = std::min(earliest, t.deadline);
      wait_ns = std::max<int64_t>(0, earliest - now_ns(CLOCK_MONOTONIC));
    }
    timespec ts{};
    if (wait_ns) {
      ts.tv_sec = *wait_ns / 1'000'000'000;
      ts.tv_nsec = *wait_ns % 1'000'000'000;
    }
    int n = ppoll(pfds.empty() ? nullptr : pfds.data(), pfds.size(), wait_ns ? &ts : nullptr, nullptr);
    if (n < 0) {
      if (errno == EINTR) continue;
      return wasi::from_host_errno(errno);
    }
    for (size_t k = 0; k < pfds.size(); ++k) {
      const short re = pfds[k].revents;
      if (!re) continue;
      Event ev = pfd_events[k];
      if (re & POLLNVAL) {
        ev.error = Errno::badf;
      } else if ((re & POLLERR) && !(re & (POLLIN | POLLOUT))) {
        ev.error = Errno::io;
      } else {
        if (re & POLLHUP) ev.flags |= wasi::eventrwflag_hangup;
        if (ev.type == wasi::Eventtype::fd_read) ev.nbytes = readable_bytes(pfds[k].fd);
      }
      ready.push_back(ev);
    }
    if (ready.empty()) {
      const int64_t now = now_ns(CLOCK_MONOTONIC);
      for (const auto& t : timers) {
        if (t.deadline <= now) ready.push_back({t.userdata, Errno::success, wasi::Eventtype::clock, 0, 0});
      }
    }
    if (!ready.empty()) break;
  }

  std::fill(events_window->begin(), events_window->end(), 0);
  for (size_t k = 0; k < ready.size(); ++k) {
    auto w = events_window->subspan(k * layout::event_size, layout::event_size);
    GuestMemory::put<uint64_t>(w, 0, ready[k].userdata);
    GuestMemory::put<uint16_t>(w, 8, static_cast<uint16_t>(ready[k].error));
    GuestMemory::put<uint8_t>(w, 10, static_cast<uint8_t>(ready[k].type));
    GuestMemory::put<uint64_t>(w, 16, ready[k].nbytes);
    GuestMemory::put<uint16_t>(w, 24, ready[k].flags);
  }
  mem.store<uint32_t>(nevents_out, static_cast<uint32_t>(ready.size()));
  return Errno::success;
}

}  // namespace wasishim
