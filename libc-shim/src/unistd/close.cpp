// close: the open file description goes with its last descriptor
// (internal/descriptors.cpp).
#include <unistd.h>

#include "shim.h"

using namespace wasishim::shim;

extern "C" {

int close(int fd) { return to_c(close_fd(fd)); }

}  // extern "C"
