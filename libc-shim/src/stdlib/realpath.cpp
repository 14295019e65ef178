// realpath: resolves every symbolic link one component at a time (with
// path_readlink), so unlike the rest of the shim's lexical resolution, ".."
// after a link goes to the link target's parent, as POSIX requires.
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "preopen_table.h"
#include "shim.h"

namespace wasishim::shim {

namespace {

constexpr int max_links = 40;  // Linux's limit; beyond it, ELOOP

// Is `resolved` (absolute, normalised, symlink-free) itself a symlink?
// Returns the link's target length in `target`, or 0 when it is not a link.
result<size_t> link_target(const char* resolved, char* target, size_t target_size) {
  if (is_virtual_directory(resolved)) return size_t{0};
  auto m = preopens().match(resolved);
  if (!m) return failure(errc::noent);
  if (m->relative[0] == '.' && m->relative[1] == '\0') return size_t{0};  // a mount point
  auto n = sys::path_readlink(static_cast<sys::fd_t>(m->fd), m->relative, strlen(m->relative),
                              target, target_size);
  if (n) {
    if (*n >= target_size) return failure(errc::nametoolong);
    return *n;
  }
  if (n.error() == errc::inval) return size_t{0};  // exists, not a link
  return failure(n.error());
}

// "." and ".." need the path before them to be a directory.
result<void> require_directory(const char* resolved) {
  if (resolved[1] == '\0' || is_virtual_directory(resolved)) return {};
  auto m = preopens().match(resolved);
  if (!m) return failure(errc::noent);
  auto st = sys::path_filestat_get(static_cast<sys::fd_t>(m->fd), sys::lookupflags{},
                                   m->relative, strlen(m->relative));
  if (!st) return failure(st.error());
  if (st->filetype != sys::filetype::directory) return failure(errc::notdir);
  return {};
}

result<void> resolve_physically(const char* path, char* out) {
  if (path[0] == '\0') return failure(errc::noent);
  // `pending` holds the components still to walk; `out` the resolved prefix.
  static char pending[2 * path_buffer_size];
  static char target[path_buffer_size];
  const char* cwd = current_directory();
  size_t plen = strlen(path);
  if (path[0] == '/') {
    if (plen >= sizeof pending) return failure(errc::nametoolong);
    memcpy(pending, path, plen + 1);
  } else {
    const size_t clen = strlen(cwd);
    if (clen + 1 + plen >= sizeof pending) return failure(errc::nametoolong);
    memcpy(pending, cwd, clen);
    pending[clen] = '/';
    memcpy(pending + clen + 1, path, plen + 1);
  }
  bool must_be_dir = plen > 0 && path[plen - 1] == '/';
  strcpy(out, "/");
  size_t olen = 1;
  size_t pos = 0;
  int links = 0;
  while (pending[pos] != '\0') {
    while (pending[pos] == '/') ++pos;
    if (pending[pos] == '\0') break;
    const size_t start = pos;
    while (pending[pos] != '\0' && pending[pos] != '/') ++pos;
    const size_t n = pos - start;
    const bool dot = n == 1 && pending[start] == '.';
    const bool dotdot = n == 2 && pending[start] == '.' && pending[start + 1] == '.';
    if (dot || dotdot) {
      if (auto r = require_directory(out); !r) return r;
    }
    if (dot) continue;
    if (dotdot) {
      while (olen > 1 && out[olen - 1] != '/') --olen;
      if (olen > 1) --olen;
      out[olen] = '\0';
      continue;
    }
    const size_t saved = olen;
    if (olen > 1) out[olen++] = '/';
    if (olen + n + 1 > path_buffer_size) return failure(errc::nametoolong);
    memcpy(out + olen, pending + start, n);
    olen += n;
    out[olen] = '\0';
    auto t = link_target(out, target, sizeof target);
    if (!t) return failure(t.error());
    if (*t == 0) continue;
    if (++links > max_links) return failure(errc::loop);
    // Replace the link by its target, followed by what was left to walk.
    const size_t rest = strlen(pending + pos);
    if (*t + rest + 1 >= sizeof pending) return failure(errc::nametoolong);
    memmove(pending + *t, pending + pos, rest + 1);
    memcpy(pending, target, *t);
    pos = 0;
    if (target[0] == '/') {
      olen = 1;
    } else {
      olen = saved;
    }
    out[olen] = '\0';
  }
  if (must_be_dir) return require_directory(out);
  return {};
}

}  // namespace
}  // namespace wasishim::shim

using namespace wasishim::shim;

extern "C" char* realpath(const char* __restrict path, char* __restrict resolved) {
  if (path == nullptr) return null_with<char>(errc::inval);
  char buf[path_buffer_size];
  auto r = resolve_physically(path, buf);
  if (!r) return null_with<char>(r.error());
  if (resolved == nullptr) {
    resolved = strdup(buf);
    if (resolved == nullptr) return null_with<char>(errc::nomem);
    return resolved;
  }
  strcpy(resolved, buf);
  return resolved;
}
