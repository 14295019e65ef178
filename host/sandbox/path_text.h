// Pure text operations on guest paths, kept apart from any system call so
// they can be unit-tested and fuzzed on their own.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wasishim::sandbox {

bool valid_utf8(std::string_view s);

// A path split at its last component. Trailing slashes are removed from
// `last` and recorded; `dir` keeps its own trailing slash ("a/b/" for
// "a/b/c"), and is empty when the path has a single component.
struct SplitPath {
  std::string_view dir;
  std::string_view last;
  bool trailing_slash = false;
};
SplitPath split_last(std::string_view path);

// The components of a relative path, with empty components and "." removed.
// `ends_as_directory` is set when the path ends in '/', "." or "..": its
// final object must then be a directory.
struct Components {
  std::vector<std::string> parts;
  bool ends_as_directory = false;
};
Components components_of(std::string_view path);

// How many directory levels a relative symlink target climbs above the
// directory holding the link, read as text: "../a" climbs 1, "a/../../b" 1,
// "a/b/../c" 0. (Symlinks met inside the target are not known here.)
int levels_climbed(std::string_view target);

// readlinkat(dirfd, name) as a string; nullopt when name is not a symlink or
// cannot be read.
std::optional<std::string> read_link_at(int dirfd, const std::string& name);

}  // namespace wasishim::sandbox
