// What the shim remembers per descriptor beyond what WASI keeps: the absolute
// path it was opened by (for fchdir and openat on it) and FD_CLOEXEC, which
// preview1 has no use for but programs set and read back.
#include <stdlib.h>
#include <string.h>

#include "shim.h"

namespace wasishim::shim {

namespace {
struct fd_entry {
  char* path;
  bool cloexec;
};
fd_entry* entries = nullptr;
size_t capacity = 0;

fd_entry* slot(int fd, bool grow) {
  if (fd < 0) return nullptr;
  const size_t i = static_cast<size_t>(fd);
  if (i >= capacity) {
    if (!grow) return nullptr;
    size_t n = capacity ? capacity : 16;
    while (n <= i) n *= 2;
    auto* bigger = static_cast<fd_entry*>(realloc(entries, n * sizeof(fd_entry)));
    if (bigger == nullptr) return nullptr;
    memset(bigger + capacity, 0, (n - capacity) * sizeof(fd_entry));
    entries = bigger;
    capacity = n;
  }
  return &entries[i];
}
}  // namespace

void fd_remember_path(int fd, const char* abs_path) {
  fd_entry* e = slot(fd, true);
  if (e == nullptr) return;  // out of memory: the name is merely unknown
  free(e->path);
  e->path = abs_path ? strdup(abs_path) : nullptr;
}

const char* fd_path(int fd) {
  fd_entry* e = slot(fd, false);
  return e ? e->path : nullptr;
}

void fd_forget(int fd) {
  fd_entry* e = slot(fd, false);
  if (e == nullptr) return;
  free(e->path);
  *e = fd_entry{};
}

bool fd_cloexec(int fd) {
  fd_entry* e = slot(fd, false);
  return e && e->cloexec;
}

void fd_set_cloexec(int fd, bool on) {
  if (fd_entry* e = slot(fd, on)) e->cloexec = on;
}

}  // namespace wasishim::shim
