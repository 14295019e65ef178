#include "exit_flush.h"

#include <string.h>

#include "coherence.h"
#include "file_io.h"
#include "wasishim/posix_errno.h"

namespace wasishim::mman {

int Busy::depth_ = 0;

namespace {

bool exit_flush_done = false;

void report_failure(errc e) {
  char text[160] = "mmap-emu: stores through shared mappings could not be written back at exit: ";
  strncat(text, strerror(posix_errno(e)), sizeof text - strlen(text) - 1);
  io::report(text);
}

}  // namespace

status flush_at_exit() {
  if (exit_flush_done) return {};
  exit_flush_done = true;
  status r = write_back_everything();
  // Once more: the pages that failed are still dirty, and a failure that
  // passes (EINTR-like EIO on a network filesystem) costs nothing then.
  if (!r) r = write_back_everything();
  if (!r) report_failure(r.error());
  return r;
}

status flush_for_host() {
  if (exit_flush_done) return {};
  if (Busy::any()) return failure(errc::busy);
  Busy busy;
  return flush_at_exit();
}

}  // namespace wasishim::mman
