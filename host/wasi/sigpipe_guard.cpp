#include "wasi/sigpipe_guard.h"

#include <pthread.h>
#include <time.h>

#include <cerrno>

namespace wasishim {

namespace {

sigset_t only_sigpipe() {
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGPIPE);
  return s;
}

}  // namespace

SigpipeGuard::SigpipeGuard() {
  const sigset_t pipe = only_sigpipe();
  sigset_t pending;
  sigemptyset(&pending);
  if (sigpending(&pending) == 0) was_pending_ = sigismember(&pending, SIGPIPE) == 1;
  pthread_sigmask(SIG_BLOCK, &pipe, &old_mask_);
}

SigpipeGuard::~SigpipeGuard() {
  const int saved = errno;
  pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
  errno = saved;
}

void SigpipeGuard::discard_raised() {
  if (was_pending_) return;
  const int saved = errno;
  const sigset_t pipe = only_sigpipe();
  const timespec zero{};
  // The write raised it in this thread, where it is blocked: take it back.
  while (sigtimedwait(&pipe, nullptr, &zero) < 0 && errno == EINTR) {
  }
  errno = saved;
}

}  // namespace wasishim
