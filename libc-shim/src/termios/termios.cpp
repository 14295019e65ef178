// Terminal control: <termios.h> (isatty and ttyname are in unistd/, the
// terminal ioctls in sys_ioctl/, and internal/terminal.cpp says which
// descriptors are terminals). Preview1 has
// no terminal control, so the shim answers for the host's terminal: on a
// descriptor that is not a terminal every call fails with ENOTTY (EBADF on
// one that is not open), as on Linux; on a terminal, tcgetattr reports a
// cooked terminal's settings, tcsetattr records new ones for tcgetattr
// without changing the host's terminal, and the window size is $LINES by
// $COLUMNS, else 24 by 80. A descriptor is a terminal when the host calls it
// a character device that cannot seek (wasi-libc's isatty rule).
// docs/porting.md.
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "shim.h"

namespace wasishim::shim {
namespace {

struct termios settings;
bool settings_recorded = false;
struct winsize window;
bool window_recorded = false;

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

}  // extern "C"
