// tmpfile places its file in $TMPDIR, else /tmp, else the working directory,
// the first that accepts it; the file is unlinked at once, so nothing is left
// behind.
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "shim.h"

namespace wasishim::shim {
namespace {

result<FILE*> make_tmpfile() {
  const char* env = getenv("TMPDIR");
  const char* dirs[] = {env && env[0] ? env : nullptr, "/tmp", current_directory()};
  errc last = errc::noent;
  for (const char* dir : dirs) {
    if (dir == nullptr) continue;
    char name[path_buffer_size];
    const int n = snprintf(name, sizeof name, "%s/tmpfile.XXXXXX", dir);
    if (n < 0 || static_cast<size_t>(n) >= sizeof name) {
      last = errc::nametoolong;
      continue;
    }
    auto fd = make_temporary_file(name, 0);
    if (!fd) {
      last = fd.error();
      continue;
    }
    (void)unlink(name);
    FILE* f = fdopen(*fd, "w+");
    if (f == nullptr) {
      const int e = errno;
      close(*fd);
      return failure(static_cast<errc>(e));
    }
    return f;
  }
  return failure(last);
}

}  // namespace
}  // namespace wasishim::shim

using namespace wasishim::shim;

extern "C" {

FILE* tmpfile(void) {
  auto f = make_tmpfile();
  return f ? *f : null_with<FILE>(f.error());
}

}  // extern "C"
