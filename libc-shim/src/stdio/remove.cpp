// remove: unlink, or rmdir for a directory.
#include <fcntl.h>
#include <stdio.h>

#include "shim.h"

using namespace wasishim::shim;

extern "C" {

int remove(const char* path) {
  auto r = unlink_file(AT_FDCWD, path);
  if (!r && (r.error() == errc::isdir || r.error() == errc::perm)) r = remove_directory(AT_FDCWD, path);
  return to_c(r);
}

}  // extern "C"
