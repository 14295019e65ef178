// Path resolution against the preopened directories, and the wasi-libc entry
// points that expose it (__wasilibc_find_relpath and friends).
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/libc-find-relpath.h>
#include <wasi/libc.h>

#include "path_normalize.h"
#include "preopen_table.h"
#include "shim.h"

namespace wasishim::shim {

namespace {

preopen_table table;
bool loaded = false;

// Reads the preopens the host granted: descriptors 3, 4, ... until the first
// that is not open (badf), as the preview1 convention has it.
void load_preopens() {
  loaded = true;
  for (sys::fd_t fd = 3;; ++fd) {
    auto stat = sys::fd_prestat_get(fd);
    if (!stat) {
      if (stat.error() == errc::badf) break;
      continue;
    }
    if (stat->type != sys::preopentype::dir) continue;
    size_t len = stat->u.dir.pr_name_len;
    char* name = static_cast<char*>(malloc(len + 1));
    if (name == nullptr) break;
    if (sys::fd_prestat_dir_name(fd, name, len)) {
      while (len > 0 && name[len - 1] == '\0') --len;  // some hosts count a NUL
      (void)table.add(static_cast<int>(fd), name, len);
    }
    free(name);
  }
}

}  // namespace

preopen_table& preopens() {
  if (!loaded) load_preopens();
  return table;
}

result<bool> absolute_path(const char* path, char* buf) {
  if (path == nullptr) return failure(errc::fault);
  auto norm = normalize_path(current_directory(), path, buf, path_buffer_size);
  if (!norm) return failure(norm.error());
  return norm->must_be_dir;
}

result<sys::rights_t> inheriting_rights(sys::fd_t dirfd) {
  if (const sys::rights_t* known = preopens().inheriting(static_cast<int>(dirfd))) return *known;
  auto st = sys::fd_fdstat_get(dirfd);
  if (!st) return failure(st.error());
  table.set_inheriting(static_cast<int>(dirfd), st->fs_rights_inheriting);
  return st->fs_rights_inheriting;
}

void forget_inheriting_rights(sys::fd_t dirfd) {
  if (loaded) table.forget_inheriting(static_cast<int>(dirfd));
}

void forget_preopen(int fd) {
  if (loaded) table.remove(fd);
}

bool is_virtual_directory(const char* abs_path) {
  preopen_table& t = preopens();
  if (t.match(abs_path).ok()) return false;
  return t.is_virtual_ancestor(abs_path);
}

result<void> require_existing_directory(const resolved_path& where) {
  auto st = sys::path_filestat_get(where.dirfd, sys::lookupflags::symlink_follow, where.path,
                                   where.len);
  if (!st) return failure(st.error());
  if (st->filetype != sys::filetype::directory) return failure(errc::notdir);
  return {};
}

namespace {
resolved_path with_shape(resolved_path r, const char* path) {
  const last_component last = last_component_of(path);
  r.ends_in_dot = last != last_component::name;
  r.dotdot = last == last_component::dotdot;
  const size_t n = strlen(path);
  r.trailing_slash = n > 0 && path[n - 1] == '/';
  return r;
}
}  // namespace

result<resolved_path> resolve_at(int dirfd, const char* path, char* buf) {
  if (path == nullptr) return failure(errc::fault);
  if (path[0] == '\0') return failure(errc::noent);
  const char* base = current_directory();
  if (dirfd != AT_FDCWD && path[0] != '/') {
    auto wasi = wasi_fd(dirfd, errc::notdir);
    if (!wasi) return failure(wasi.error());
    // A directory the shim knows the name of resolves like the working
    // directory, so "../x" from it works as on POSIX; any other descriptor
    // gets the path as is, and the host keeps it beneath the descriptor.
    base = fd_path(dirfd);
    if (base == nullptr) {
      for (size_t i = 0; i < preopens().size(); ++i)
        if (preopens().fd_at(i) == static_cast<int>(*wasi)) base = preopens().mount_at(i);
    }
    if (base == nullptr) return with_shape(resolved_path{*wasi, path, strlen(path)}, path);
  }
  auto norm = normalize_path(base, path, buf, path_buffer_size);
  if (!norm) return failure(norm.error());
  auto must_be_dir = result<bool>(norm->must_be_dir);
  auto m = preopens().match(buf);
  if (!m) return failure(errc::noent);
  // m->relative points into buf; a trailing slash keeps POSIX's "must be a
  // directory" meaning for the host.
  char* rel = const_cast<char*>(m->relative);
  size_t len = strlen(rel);
  if (*must_be_dir && !(len == 1 && rel[0] == '.')) {
    if (rel + len + 1 >= buf + path_buffer_size) return failure(errc::nametoolong);
    rel[len++] = '/';
    rel[len] = '\0';
  }
  return with_shape(resolved_path{static_cast<sys::fd_t>(m->fd), rel, len}, path);
}

}  // namespace wasishim::shim

using namespace wasishim::shim;

extern "C" {

int __wasilibc_register_preopened_fd(int fd, const char* prefix) {
  if (prefix == nullptr) return fail(errc::fault);
  return to_c(preopens().add(fd, prefix, strlen(prefix)));
}

int __wasilibc_find_abspath(const char* abspath, const char** abs_prefix,
                            const char** relative_path) {
  static char buf[path_buffer_size];
  auto norm = normalize_path("/", abspath, buf, sizeof buf);
  if (!norm) return fail(norm.error());
  auto m = preopens().match(buf);
  if (!m) return fail(errc::notcapable);
  *abs_prefix = m->mount;
  *relative_path = m->relative;
  return m->fd;
}

int __wasilibc_find_relpath_alloc(const char* path, const char** abs, char** relative,
                                  size_t* relative_len, int can_realloc) {
  static char buf[path_buffer_size];
  auto r = resolve_at(AT_FDCWD, path, buf);
  if (!r) return fail(r.error());
  const size_t need = r->len + 1;
  if (*relative == nullptr || *relative_len < need) {
    if (!can_realloc) return fail(errc::range);
    char* bigger = static_cast<char*>(realloc(*relative, need));
    if (bigger == nullptr) return fail(errc::nomem);
    *relative = bigger;
    *relative_len = need;
  }
  memcpy(*relative, r->path, need);
  *abs = "/";
  for (size_t i = 0; i < preopens().size(); ++i)
    if (preopens().fd_at(i) == static_cast<int>(r->dirfd)) *abs = preopens().mount_at(i);
  return static_cast<int>(r->dirfd);
}

int __wasilibc_find_relpath(const char* path, const char** abs_prefix, char** relative_path,
                            size_t relative_path_len) {
  return __wasilibc_find_relpath_alloc(path, abs_prefix, relative_path, &relative_path_len, 0);
}

}  // extern "C"
