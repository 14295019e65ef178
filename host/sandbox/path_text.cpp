#include "sandbox/path_text.h"

#include <unistd.h>

#include <algorithm>
#include <cstdint>

namespace wasishim::sandbox {

bool valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<uint8_t>(s[i]);
    size_t extra;
    uint32_t cp;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xe0) == 0xc0) { extra = 1; cp = c & 0x1f; }
    else if ((c & 0xf0) == 0xe0) { extra = 2; cp = c & 0x0f; }
    else if ((c & 0xf8) == 0xf0) { extra = 3; cp = c & 0x07; }
    else return false;
    if (i + extra >= s.size()) return false;
    for (size_t k = 1; k <= extra; ++k) {
      auto cc = static_cast<uint8_t>(s[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    // Overlong forms, surrogates and values beyond Unicode are invalid.
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) ||
        (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
      return false;
    i += extra + 1;
  }
  return true;
}

SplitPath split_last(std::string_view path) {
  SplitPath out;
  size_t end = path.size();
  while (end > 0 && path[end - 1] == '/') --end;
  out.trailing_slash = end < path.size();
  std::string_view body = path.substr(0, end);
  size_t slash = body.rfind('/');
  if (slash == std::string_view::npos) {
    out.last = body;
  } else {
    out.dir = body.substr(0, slash + 1);
    out.last = body.substr(slash + 1);
  }
  return out;
}

Components components_of(std::string_view path) {
  Components out;
  size_t i = 0;
  std::string_view last_seen;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string_view c = path.substr(i, j - i);
    if (!c.empty()) last_seen = c;
    if (!c.empty() && c != ".") out.parts.emplace_back(c);
    i = j + 1;
  }
  out.ends_as_directory = (!path.empty() && path.back() == '/') || last_seen == "." || last_seen == "..";
  return out;
}

int levels_climbed(std::string_view target) {
  int depth = 0, lowest = 0;
  size_t i = 0;
  while (i <= target.size()) {
    size_t j = target.find('/', i);
    if (j == std::string_view::npos) j = target.size();
    std::string_view c = target.substr(i, j - i);
    if (c == "..") {
      lowest = std::min(lowest, --depth);
    } else if (!c.empty() && c != ".") {
      ++depth;
    }
    i = j + 1;
  }
  return -lowest;
}

std::optional<std::string> read_link_at(int dirfd, const std::string& name) {
  std::string buf(256, '\0');
  for (;;) {
    ssize_t n = readlinkat(dirfd, name.c_str(), buf.data(), buf.size());
    if (n < 0) return std::nullopt;
    if (static_cast<size_t>(n) < buf.size()) {
      buf.resize(static_cast<size_t>(n));
      return buf;
    }
    if (buf.size() >= (1u << 16)) return std::nullopt;
    buf.resize(buf.size() * 2);
  }
}

}  // namespace wasishim::sandbox
