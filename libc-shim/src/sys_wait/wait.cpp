// wait, waitpid, wait3, wait4, waitid: an instance has no children, so each
// fails with ECHILD (docs/porting.md).
#include <sys/wait.h>

#include "shim.h"

using namespace wasishim::shim;

extern "C" {

// No children: every wait fails as POSIX says a wait without children does.
pid_t wait(int* status) {
  (void)status;
  return fail(errc::child);
}
pid_t waitpid(pid_t pid, int* status, int options) {
  (void)pid, (void)status;
  if (options & ~(WNOHANG | WUNTRACED | WCONTINUED)) return fail(errc::inval);
  return fail(errc::child);
}
pid_t wait3(int* status, int options, struct rusage* usage) {
  (void)usage;
  return waitpid(-1, status, options);
}
pid_t wait4(pid_t pid, int* status, int options, struct rusage* usage) {
  (void)usage;
  return waitpid(pid, status, options);
}
int waitid(idtype_t type, id_t id, siginfo_t* info, int options) {
  (void)id, (void)info;
  if (type != P_ALL && type != P_PID && type != P_PGID) return fail(errc::inval);
  if (!(options & (WEXITED | WSTOPPED | WCONTINUED))) return fail(errc::inval);
  return fail(errc::child);
}

}  // extern "C"
