// Signal sets: sigemptyset and friends, one bit per signal 1-64.
#include <signal.h>

#include "signals.h"

using namespace wasishim::shim;

extern "C" {

int sigemptyset(sigset_t* set) {
  set_of(0, set);
  return 0;
}

int sigfillset(sigset_t* set) {
  set_of(~uint64_t{0}, set);
  return 0;
}

int sigaddset(sigset_t* set, int sig) {
  if (!valid_signal(sig)) return fail(errc::inval);
  set_of(mask_of(set) | signal_bit(sig), set);
  return 0;
}

int sigdelset(sigset_t* set, int sig) {
  if (!valid_signal(sig)) return fail(errc::inval);
  set_of(mask_of(set) & ~signal_bit(sig), set);
  return 0;
}

int sigismember(const sigset_t* set, int sig) {
  if (!valid_signal(sig)) return fail(errc::inval);
  return (mask_of(set) & signal_bit(sig)) != 0;
}

int sigisemptyset(const sigset_t* set) { return mask_of(set) == 0; }

int sigorset(sigset_t* out, const sigset_t* a, const sigset_t* b) {
  set_of(mask_of(a) | mask_of(b), out);
  return 0;
}

int sigandset(sigset_t* out, const sigset_t* a, const sigset_t* b) {
  set_of(mask_of(a) & mask_of(b), out);
  return 0;
}

}  // extern "C"
