// Files the program creates for itself: mkstemp, mkostemp, mkdtemp (tmpfile,
// in stdio/tmpfile.cpp, makes its file here too). Names get random letters
// from random_get.
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

}  // namespace

result<int> make_temporary_file(char* tmpl, int extra_flags) {
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

}  // namespace wasishim::shim

using namespace wasishim::shim;

extern "C" {

int mkstemp(char* tmpl) { return to_c(make_temporary_file(tmpl, 0)); }

int mkostemp(char* tmpl, int flags) { return to_c(make_temporary_file(tmpl, flags)); }

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

}  // extern "C"
