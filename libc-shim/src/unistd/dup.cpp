// dup, dup2, dup3, fcntl(F_DUPFD[_CLOEXEC]) and wasi-libc's renumbering
// (freopen): a new number for the same open file description. The numbers
// share the offset and the status flags (both live in the one WASI
// descriptor, or in the pipe end) and keep their own FD_CLOEXEC.
#include <fcntl.h>
#include <unistd.h>

#include "shim.h"

namespace wasishim::shim {

namespace {

// The open file `fd` names, checked with the host when the table does not
// hold it.
result<open_file> existing(int fd) {
  auto f = lookup(fd);
  if (!f) return failure(f.error());
  if (f->d == nullptr) {
    if (auto st = sys::fd_fdstat_get(f->wasi); !st) return failure(st.error());
  }
  return f;
}

result<int> duplicate_onto(int fd, int to, int flags) {
  if (flags & ~O_CLOEXEC) return failure(errc::inval);
  auto f = existing(fd);
  if (!f) return failure(f.error());
  if (to < 0 || to >= descriptor_limit()) return failure(errc::badf);
  if (fd == to) return to;
  // POSIX: `to` is closed first, and an error closing it is not reported.
  if (names_open_file(to)) (void)close_fd(to);
  if (auto r = alias(*f, fd, to, flags & O_CLOEXEC); !r) return failure(r.error());
  return to;
}

}  // namespace

result<int> duplicate(int fd, int from, bool cloexec) {
  auto f = existing(fd);
  if (!f) return failure(f.error());
  if (from < 0 || from >= descriptor_limit()) return failure(errc::inval);  // F_DUPFD's bound
  auto n = lowest_free_number(from);
  if (!n) return failure(n.error());
  if (auto r = alias(*f, fd, *n, cloexec); !r) return failure(r.error());
  return *n;
}

}  // namespace wasishim::shim

using namespace wasishim::shim;

extern "C" {

int dup(int fd) { return to_c(duplicate(fd, 0, false)); }

int dup2(int fd, int to) { return to_c(duplicate_onto(fd, to, 0)); }

int dup3(int fd, int to, int flags) {
  if (fd == to) return fail(errc::inval);
  return to_c(duplicate_onto(fd, to, flags));
}

// freopen moves its new descriptor onto the old number with this.
int __wasilibc_fd_renumber(int fd, int newfd) {
  if (fd < 0 || newfd < 0) return fail(errc::badf);
  auto from = existing(fd);
  if (!from) return fail(from.error());
  if (fd == newfd) return 0;
  auto r = duplicate_onto(fd, newfd, fd_cloexec(fd) ? O_CLOEXEC : 0);
  if (!r) return fail(r.error());
  (void)close_fd(fd);
  return 0;
}

}  // extern "C"
