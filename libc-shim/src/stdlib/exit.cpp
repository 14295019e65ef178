// Exit paths that skip atexit handlers. mmap-emu must write dirty shared
// pages back before the instance ends: exit() and return from main reach its
// own atexit handler; _Exit and _exit skip it and flush here; abort and the
// signals whose default action terminates flush in signal.cpp. A failed
// write-back makes the status 74 (mmap-emu reports it).
#include <stdlib.h>
#include <unistd.h>

#include "mman_calls.h"
#include "shim.h"

namespace wasishim::shim {
namespace {
int flush_mappings(int status) {
  if (&__wasishim_mman_exit == nullptr) return status;
  return __wasishim_mman_exit(status);
}
}  // namespace
}  // namespace wasishim::shim

extern "C" {

_Noreturn void _Exit(int status) {
  status = wasishim::shim::flush_mappings(status);
  wasishim::sys::proc_exit(static_cast<wasishim::sys::exitcode_t>(status));
}

_Noreturn void _exit(int status) { _Exit(status); }

}  // extern "C"
