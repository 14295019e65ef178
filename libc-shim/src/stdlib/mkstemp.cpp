// Files the program creates for itself: mkstemp, mkostemp, mkdtemp, tmpfile.
// Names get random letters from random_get. tmpfile places its file in
// $TMPDIR, else /tmp, else the working directory, the first that accepts it;
// the file is unlinked at once, so nothing is left behind.
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shim.h"

namespace wasishim::shim {

namespace {

constexpr int attempts = 100;
constexpr char letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

// The six X's mkstemp replaces, at the end of the template.
result<char*> template_tail(char* tmpl) {
  if (tmpl == nullptr) return failure(errc::inval);
  const size_t len = strlen(tmpl);
  if (len < 6 || strcmp(tmpl + len - 6, "XXXXXX") != 0) return failure(errc::inval);
  return tmpl + len - 6;
}

result<void> randomize(char* tail) {
  unsigned char bytes[6];
  if (auto r = sys::random_get(bytes, sizeof bytes); !r) return r;
  for (int i = 0; i < 6; ++i) tail[i] = letters[bytes[i] % (sizeof letters - 1)];
  return {};
}

result<int> make_file(char* tmpl, int extra_flags) {
  auto tail = template_tail(tmpl);
  if (!tail) return failure(tail.error());
  const int allowed = O_APPEND | O_DSYNC | O_RSYNC | O_SYNC | O_CLOEXEC;
  if (extra_flags & ~allowed) return failure(errc::inval);
  for (int i = 0; i < attempts; ++i) {
    if (auto r = randomize(*tail); !r) return failure(r.error());
    auto fd = open_at(AT_FDCWD, tmpl, O_RDWR | O_CREAT | O_EXCL | extra_flags, 0600);
    if (fd) return static_cast<int>(*fd);
    if (fd.error() != errc::exist) return failure(fd.error());
  }
  memcpy(*tail, "XXXXXX", 6);
  return failure(errc::exist);
}

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
    auto fd = make_file(name, 0);
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

int mkstemp(char* tmpl) { return to_c(make_file(tmpl, 0)); }

int mkostemp(char* tmpl, int flags) { return to_c(make_file(tmpl, flags)); }

char* mkdtemp(char* tmpl) {
  auto tail = template_tail(tmpl);
  if (!tail) return null_with<char>(tail.error());
  for (int i = 0; i < attempts; ++i) {
    if (auto r = randomize(*tail); !r) return null_with<char>(r.error());
    if (mkdir(tmpl, 0700) == 0) return tmpl;
    if (errno != EEXIST) return nullptr;
  }
  memcpy(*tail, "XXXXXX", 6);
  return null_with<char>(errc::exist);
}

FILE* tmpfile(void) {
  auto f = make_tmpfile();
  return f ? *f : null_with<FILE>(f.error());
}

}  // extern "C"
