#include "preopen_table.h"

#include <stdlib.h>
#include <string.h>

#include "path_normalize.h"

namespace wasishim::shim {

void preopen_table::clear() {
  for (size_t i = 0; i < count_; ++i) free(entries_[i].mount);
  free(entries_);
  entries_ = nullptr;
  count_ = capacity_ = 0;
}

sys::result<void> preopen_table::add(int fd, const char* name, size_t name_len) {
  // The host's name is not NUL-terminated and may be empty (treated as ".").
  char* raw = static_cast<char*>(malloc(name_len + 2));
  if (raw == nullptr) return sys::failure(sys::errc::nomem);
  memcpy(raw, name, name_len);
  raw[name_len] = '\0';
  if (name_len == 0) {
    raw[0] = '.';
    raw[1] = '\0';
  }
  const size_t cap = name_len + 2;
  char* mount = static_cast<char*>(malloc(cap));
  if (mount == nullptr) {
    free(raw);
    return sys::failure(sys::errc::nomem);
  }
  auto norm = normalize_path("/", raw, mount, cap);
  free(raw);
  if (!norm) {
    free(mount);
    return sys::failure(norm.error());
  }
  if (count_ == capacity_) {
    const size_t grown = capacity_ ? capacity_ * 2 : 8;
    auto* bigger = static_cast<entry*>(realloc(entries_, grown * sizeof(entry)));
    if (bigger == nullptr) {
      free(mount);
      return sys::failure(sys::errc::nomem);
    }
    entries_ = bigger;
    capacity_ = grown;
  }
  entries_[count_++] = entry{fd, mount, norm->length, 0, false};
  return {};
}

void preopen_table::remove(int fd) {
  for (size_t i = 0; i < count_; ++i) {
    if (entries_[i].fd != fd) continue;
    free(entries_[i].mount);
    memmove(&entries_[i], &entries_[i + 1], (count_ - i - 1) * sizeof(entry));
    --count_;
    return;
  }
}

preopen_table::entry* preopen_table::find(int fd) const {
  for (size_t i = 0; i < count_; ++i)
    if (entries_[i].fd == fd) return &entries_[i];
  return nullptr;
}

const sys::rights_t* preopen_table::inheriting(int fd) const {
  const entry* e = find(fd);
  return e != nullptr && e->inheriting_known ? &e->inheriting : nullptr;
}

void preopen_table::set_inheriting(int fd, sys::rights_t rights) {
  if (entry* e = find(fd)) {
    e->inheriting = rights;
    e->inheriting_known = true;
  }
}

void preopen_table::forget_inheriting(int fd) {
  if (entry* e = find(fd)) e->inheriting_known = false;
}

sys::result<preopen_match> preopen_table::match(const char* abs_path) const {
  const entry* best = nullptr;
  for (size_t i = 0; i < count_; ++i) {
    const entry& e = entries_[i];
    if (!path_within(abs_path, e.mount)) continue;
    if (best == nullptr || e.mount_len >= best->mount_len) best = &e;
  }
  if (best == nullptr) return sys::failure(sys::errc::noent);
  const char* rest = abs_path + (best->mount_len == 1 ? 0 : best->mount_len);
  while (*rest == '/') ++rest;
  if (*rest == '\0') rest = ".";
  return preopen_match{best->fd, rest, best->mount};
}

bool preopen_table::is_virtual_ancestor(const char* abs_path) const {
  for (size_t i = 0; i < count_; ++i) {
    const entry& e = entries_[i];
    if (strcmp(e.mount, abs_path) != 0 && path_within(e.mount, abs_path)) return true;
  }
  return false;
}

}  // namespace wasishim::shim
