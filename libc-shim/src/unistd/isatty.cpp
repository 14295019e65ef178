// isatty, ttyname, ttyname_r: the host's terminal is /dev/tty.
#include <string.h>
#include <unistd.h>

#include "shim.h"

using namespace wasishim::shim;
using namespace wasishim;

extern "C" {

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

}  // extern "C"
