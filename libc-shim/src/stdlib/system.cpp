// system: an instance has no shell (docs/porting.md).
#include <stdlib.h>

#include "shim.h"

using namespace wasishim::shim;

extern "C" {

// No shell: system(NULL) says so, and a command cannot run.
int system(const char* command) {
  if (command == nullptr) return 0;
  return fail(errc::nosys);
}

}  // extern "C"
