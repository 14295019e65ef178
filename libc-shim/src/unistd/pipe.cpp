// pipe and pipe2: both ends inside the instance (internal/pipe_ends.cpp).
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "pipe_buffer.h"
#include "shim.h"

namespace wasishim::shim {
namespace {

description* new_end(pipe_buffer* p, description_kind kind, int flags) {
  auto* d = static_cast<description*>(calloc(1, sizeof(description)));
  if (d == nullptr) return nullptr;
  d->kind = kind;
  d->pipe = p;
  d->status_flags = flags & O_NONBLOCK;
  return d;
}

result<void> make_pipe(int fds[2], int flags) {
  if (fds == nullptr) return failure(errc::fault);
  if (flags & ~(O_NONBLOCK | O_CLOEXEC)) return failure(errc::inval);
  pipe_buffer* p = pipe_buffer::create();
  if (p == nullptr) return failure(errc::nfile);
  description* ends[2] = {new_end(p, description_kind::pipe_read, flags),
                          new_end(p, description_kind::pipe_write, flags)};
  int numbers[2] = {-1, -1};
  errc error = errc::success;
  if (ends[0] == nullptr || ends[1] == nullptr) error = errc::nomem;
  for (int i = 0; i < 2 && error == errc::success; ++i) {
    auto n = lowest_free_number(0);
    if (!n) {
      error = n.error();
      break;
    }
    if (auto r = alias(open_file{ends[i], 0}, -1, *n, flags & O_CLOEXEC); !r) {
      error = r.error();
      break;
    }
    numbers[i] = *n;
  }
  if (error != errc::success) {
    // The write end never got a number; closing the read end's, if it got
    // one, then frees the pipe.
    free(ends[1]);
    p->writers = 0;
    if (numbers[0] >= 0) {
      (void)close_fd(numbers[0]);
    } else {
      free(ends[0]);
      pipe_buffer::destroy(p);
    }
    return failure(error);
  }
  fds[0] = numbers[0];
  fds[1] = numbers[1];
  return {};
}

}  // namespace
}  // namespace wasishim::shim

using namespace wasishim::shim;

extern "C" {

int pipe(int fds[2]) { return to_c(make_pipe(fds, 0)); }
int pipe2(int fds[2], int flags) { return to_c(make_pipe(fds, flags)); }

}  // extern "C"
