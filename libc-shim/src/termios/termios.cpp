// Terminal control: <termios.h>, ttyname, the terminal ioctls. Preview1 has
// no terminal control, so the shim answers for the host's terminal: on a
// descriptor that is not a terminal every call fails with ENOTTY (EBADF on
// one that is not open), as on Linux; on a terminal, tcgetattr reports a
// cooked terminal's settings, tcsetattr records new ones for tcgetattr
// without changing the host's terminal, and the window size is $LINES by
// $COLUMNS, else 24 by 80. A descriptor is a terminal when the host calls it
// a character device that cannot seek (wasi-libc's isatty rule).
// docs/porting.md.
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "pipe_buffer.h"
#include "shim.h"

namespace wasishim::shim {
namespace {

struct termios settings;
bool settings_recorded = false;
struct winsize window;
bool window_recorded = false;

result<void> require_terminal(int fd) {
  auto wasi = wasi_fd(fd, errc::notty);
  if (!wasi) return failure(wasi.error());
  auto st = sys::fd_fdstat_get(*wasi);
  if (!st) return failure(errc::badf);
  const bool seekable = st->fs_rights_base & (sys::rights::fd_seek | sys::rights::fd_tell);
  if (st->fs_filetype != sys::filetype::character_device || seekable) return failure(errc::notty);
  return {};
}

const struct termios& current_settings() {
  if (!settings_recorded) {
    memset(&settings, 0, sizeof settings);
    settings.c_iflag = ICRNL | IXON | IUTF8;
    settings.c_oflag = OPOST | ONLCR;
    settings.c_cflag = CS8 | CREAD | B38400;
    settings.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | IEXTEN | ECHOCTL | ECHOKE;
    const cc_t chars[][2] = {{VINTR, 3},     {VQUIT, 034},  {VERASE, 0177}, {VKILL, 025},
                             {VEOF, 4},      {VTIME, 0},    {VMIN, 1},      {VSTART, 021},
                             {VSTOP, 023},   {VSUSP, 032},  {VREPRINT, 022}, {VDISCARD, 017},
                             {VWERASE, 027}, {VLNEXT, 026}};
    for (const auto& c : chars) settings.c_cc[c[0]] = c[1];
    settings.__c_ispeed = settings.__c_ospeed = B38400;
    settings_recorded = true;
  }
  return settings;
}

unsigned short env_size(const char* name, unsigned short fallback) {
  const char* v = getenv(name);
  const long n = v != nullptr ? strtol(v, nullptr, 10) : 0;
  return n > 0 && n < 65536 ? static_cast<unsigned short>(n) : fallback;
}

const struct winsize& current_window() {
  if (!window_recorded) {
    window = winsize{env_size("LINES", 24), env_size("COLUMNS", 80), 0, 0};
    window_recorded = true;
  }
  return window;
}

bool valid_speed(speed_t speed) { return (speed & ~CBAUD) == 0; }

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

int tcgetattr(int fd, struct termios* t) {
  if (auto r = require_terminal(fd); !r) return fail(r.error());
  *t = current_settings();
  return 0;
}

int tcsetattr(int fd, int when, const struct termios* t) {
  if (auto r = require_terminal(fd); !r) return fail(r.error());
  if (when != TCSANOW && when != TCSADRAIN && when != TCSAFLUSH) return fail(errc::inval);
  settings = *t;
  settings_recorded = true;
  return 0;
}

int tcgetwinsize(int fd, struct winsize* w) {
  if (auto r = require_terminal(fd); !r) return fail(r.error());
  *w = current_window();
  return 0;
}

int tcsetwinsize(int fd, const struct winsize* w) {
  if (auto r = require_terminal(fd); !r) return fail(r.error());
  window = *w;
  window_recorded = true;
  return 0;
}

int tcsendbreak(int fd, int duration) {
  (void)duration;
  return to_c(require_terminal(fd));
}
int tcdrain(int fd) { return to_c(require_terminal(fd)); }
int tcflush(int fd, int queue) {
  if (auto r = require_terminal(fd); !r) return fail(r.error());
  return queue == TCIFLUSH || queue == TCOFLUSH || queue == TCIOFLUSH ? 0 : fail(errc::inval);
}
int tcflow(int fd, int action) {
  if (auto r = require_terminal(fd); !r) return fail(r.error());
  return action >= TCOOFF && action <= TCION ? 0 : fail(errc::inval);
}

// The instance is its terminal's session and foreground group, both 1.
pid_t tcgetsid(int fd) {
  if (auto r = require_terminal(fd); !r) return fail(r.error());
  return getpid();
}
pid_t tcgetpgrp(int fd) { return tcgetsid(fd); }
int tcsetpgrp(int fd, pid_t group) {
  if (auto r = require_terminal(fd); !r) return fail(r.error());
  return group == getpid() ? 0 : fail(errc::perm);
}

speed_t cfgetospeed(const struct termios* t) { return t->__c_ospeed; }
speed_t cfgetispeed(const struct termios* t) { return t->__c_ispeed; }
int cfsetospeed(struct termios* t, speed_t speed) {
  if (!valid_speed(speed)) return fail(errc::inval);
  t->c_cflag = (t->c_cflag & ~CBAUD) | speed;
  t->__c_ospeed = speed;
  return 0;
}
int cfsetispeed(struct termios* t, speed_t speed) {
  if (!valid_speed(speed)) return fail(errc::inval);
  if (speed != 0) t->__c_ispeed = speed;
  return 0;
}
int cfsetspeed(struct termios* t, speed_t speed) {
  if (cfsetospeed(t, speed) != 0) return -1;
  return cfsetispeed(t, speed);
}

void cfmakeraw(struct termios* t) {
  t->c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
  t->c_oflag &= ~OPOST;
  t->c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
  t->c_cflag &= ~(CSIZE | PARENB);
  t->c_cflag |= CS8;
  t->c_cc[VMIN] = 1;
  t->c_cc[VTIME] = 0;
}

// wasi-libc's isatty asks the host about the number itself, which after
// dup2 or for a pipe is not the descriptor the program means.
int __isatty(int fd) {
  auto r = require_terminal(fd);
  if (r) return 1;
  fail(r.error());
  return 0;
}
int isatty(int fd) __attribute__((weak, alias("__isatty")));

char* ttyname(int fd) {
  static char name[] = "/dev/tty";
  if (auto r = require_terminal(fd); !r) return null_with<char>(r.error());
  return name;
}

int ttyname_r(int fd, char* buf, size_t size) {
  if (auto r = require_terminal(fd); !r) return posix_errno(r.error());
  if (size < sizeof "/dev/tty") return ERANGE;
  memcpy(buf, "/dev/tty", sizeof "/dev/tty");
  return 0;
}

char* ctermid(char* s) {
  static char name[] = "/dev/tty";
  if (s == nullptr) return name;
  memcpy(s, name, sizeof name);
  return s;
}

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
