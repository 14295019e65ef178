// ioctl: FIONREAD and FIONBIO, as wasi-libc's, and the terminal requests
// (termios/termios.cpp answers them).
#include <fcntl.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "pipe_buffer.h"
#include "shim.h"

namespace wasishim::shim {
namespace {

result<int> bytes_to_read(int fd) {
  auto f = lookup(fd);
  if (!f) return failure(f.error());
  // Either end of a pipe counts the bytes waiting in it, as on Linux.
  if (f->is_pipe()) return static_cast<int>(f->d->pipe->available());
  if (f->is_device()) return failure(errc::notty);  // Linux's mem devices have no ioctl
  sys::subscription subs[2] = {};
  subs[0].type = sys::eventtype::fd_read;
  subs[0].u.fd_read.file_descriptor = f->wasi;
  subs[1].type = sys::eventtype::clock;
  subs[1].u.clock.id = sys::clockid::monotonic;
  sys::event events[2] = {};
  auto n = sys::poll_oneoff(subs, events, 2);
  if (!n) return failure(n.error());
  for (size_t i = 0; i < *n; ++i) {
    if (events[i].type != sys::eventtype::fd_read) continue;
    if (events[i].error != errc::success) return failure(events[i].error);
    return static_cast<int>(events[i].fd_readwrite.nbytes);
  }
  return 0;
}

}  // namespace
}  // namespace wasishim::shim

using namespace wasishim::shim;
using namespace wasishim;

extern "C" {

// wasi-libc's ioctl knows FIONREAD and FIONBIO; the shim's knows the
// terminal requests as well.
int ioctl(int fd, int request, ...) {
  va_list ap;
  va_start(ap, request);
  void* arg = va_arg(ap, void*);
  va_end(ap);
  switch (request) {
    case FIONREAD: {
      auto n = bytes_to_read(fd);
      if (!n) return fail(n.error());
      *static_cast<int*>(arg) = *n;
      return 0;
    }
    case FIONBIO: {
      const int flags = fcntl(fd, F_GETFL);
      if (flags < 0) return -1;
      const bool on = *static_cast<const int*>(arg) != 0;
      return fcntl(fd, F_SETFL, on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK) < 0 ? -1 : 0;
    }
    case TIOCGWINSZ: return tcgetwinsize(fd, static_cast<struct winsize*>(arg));
    case TIOCSWINSZ: return tcsetwinsize(fd, static_cast<const struct winsize*>(arg));
    case TCGETS: return tcgetattr(fd, static_cast<struct termios*>(arg));
    case TCSETS: return tcsetattr(fd, TCSANOW, static_cast<const struct termios*>(arg));
    case TIOCGPGRP: {
      const pid_t group = tcgetpgrp(fd);
      if (group < 0) return -1;
      *static_cast<pid_t*>(arg) = group;
      return 0;
    }
    case TIOCSPGRP: return tcsetpgrp(fd, *static_cast<const pid_t*>(arg));
    default:
      if (!names_open_file(fd)) return fail(errc::badf);
      return fail(errc::notty);
  }
}

}  // extern "C"
