// close.
#include <unistd.h>

#include "shim.h"

using namespace wasishim::shim;

extern "C" {

int close(int fd) { return to_c(close_fd(fd)); }

}  // extern "C"
