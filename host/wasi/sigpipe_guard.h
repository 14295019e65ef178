// Writing to a pipe or socket whose reader is gone raises SIGPIPE, whose
// default action kills the whole host: every instance, and every store a
// guest has not yet written back. The guest must see EPIPE instead.
//
// A library must not change a process-wide signal disposition behind its
// embedder's back, so the host neither ignores SIGPIPE nor installs a
// handler. Around each such write it blocks SIGPIPE in the calling thread
// only, and if the write raised one (EPIPE), takes that pending signal back
// before restoring the thread's mask. A SIGPIPE that was already pending
// before the write is left for the embedder.
#pragma once

#include <signal.h>

namespace wasishim {

class SigpipeGuard {
 public:
  SigpipeGuard();
  ~SigpipeGuard();
  SigpipeGuard(const SigpipeGuard&) = delete;
  SigpipeGuard& operator=(const SigpipeGuard&) = delete;

  // Call when the guarded write failed with EPIPE: discards the SIGPIPE it
  // raised. Preserves errno.
  void discard_raised();

 private:
  sigset_t old_mask_;
  bool was_pending_ = false;
};

}  // namespace wasishim
