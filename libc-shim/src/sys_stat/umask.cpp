// umask: the mask the shim applies to the files the instance creates
// (internal/permissions.cpp).
#include <sys/stat.h>

#include "shim.h"

using namespace wasishim::shim;

extern "C" {

mode_t umask(mode_t mask) { return set_creation_mask(mask); }

}  // extern "C"
