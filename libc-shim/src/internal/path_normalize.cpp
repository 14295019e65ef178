#include "path_normalize.h"

namespace wasishim::shim {

namespace {

// Appends one component to the normalised path held in out[0..len).
bool push_component(char* out, size_t out_size, size_t& len, const char* name, size_t name_len) {
  const size_t slash = (len == 1) ? 0 : 1;  // out is "/" or "/a/b"
  if (len + slash + name_len + 1 > out_size) return false;
  if (slash) out[len++] = '/';
  for (size_t i = 0; i < name_len; ++i) out[len++] = name[i];
  return true;
}

void pop_component(char* out, size_t& len) {
  while (len > 1 && out[len - 1] != '/') --len;
  if (len > 1) --len;  // the slash before the component, unless it is the root
}

// Feeds every component of `text` into out; returns the kind of the last one.
enum class last_kind { none, name, dot, slash };

bool feed(const char* text, char* out, size_t out_size, size_t& len, last_kind& last) {
  const char* p = text;
  while (*p != '\0') {
    if (*p == '/') {
      last = last_kind::slash;
      ++p;
      continue;
    }
    const char* start = p;
    while (*p != '\0' && *p != '/') ++p;
    const size_t n = static_cast<size_t>(p - start);
    if (n == 1 && start[0] == '.') {
      last = last_kind::dot;
    } else if (n == 2 && start[0] == '.' && start[1] == '.') {
      pop_component(out, len);
      last = last_kind::dot;
    } else {
      if (!push_component(out, out_size, len, start, n)) return false;
      last = last_kind::name;
    }
  }
  return true;
}

}  // namespace

sys::result<normalized_path> normalize_path(const char* base, const char* path, char* out,
                                            size_t out_size) {
  if (path == nullptr || path[0] == '\0') return sys::failure(sys::errc::noent);
  if (out_size < 2) return sys::failure(sys::errc::nametoolong);
  out[0] = '/';
  size_t len = 1;
  last_kind last = last_kind::none;
  if (path[0] != '/') {
    if (base == nullptr || base[0] != '/') return sys::failure(sys::errc::inval);
    if (!feed(base, out, out_size, len, last)) return sys::failure(sys::errc::nametoolong);
    last = last_kind::none;
  }
  if (!feed(path, out, out_size, len, last)) return sys::failure(sys::errc::nametoolong);
  out[len] = '\0';
  return normalized_path{len, last == last_kind::slash || last == last_kind::dot};
}

last_component last_component_of(const char* path) {
  size_t end = 0;
  while (path[end] != '\0') ++end;
  while (end > 0 && path[end - 1] == '/') --end;
  size_t start = end;
  while (start > 0 && path[start - 1] != '/') --start;
  const size_t n = end - start;
  if (n == 1 && path[start] == '.') return last_component::dot;
  if (n == 2 && path[start] == '.' && path[start + 1] == '.') return last_component::dotdot;
  return last_component::name;
}

bool path_within(const char* path, const char* prefix) {
  if (prefix[0] == '/' && prefix[1] == '\0') return path[0] == '/';
  size_t i = 0;
  while (prefix[i] != '\0') {
    if (path[i] != prefix[i]) return false;
    ++i;
  }
  return path[i] == '\0' || path[i] == '/';
}

}  // namespace wasishim::shim
