// popen and pclose: an instance has no shell to run a command with.
#include <stdio.h>

#include "shim.h"

using namespace wasishim::shim;

extern "C" {

FILE* popen(const char* command, const char* mode) {
  (void)command, (void)mode;
  return null_with<FILE>(errc::nosys);
}
// No stream came from popen.
int pclose(FILE* stream) {
  (void)stream;
  return fail(errc::child);
}

}  // extern "C"
