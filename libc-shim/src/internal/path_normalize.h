// Lexical path normalisation: the pure part of the shim's path resolution,
// free of WASI calls so it is unit-tested and fuzzed natively.
#pragma once

#include <stddef.h>

#include "wasishim/syscalls.h"

namespace wasishim::shim {

struct normalized_path {
  size_t length;     // of the absolute path written to the output, no NUL counted
  bool must_be_dir;  // the input ended in '/', "/." or "/..": POSIX then requires a directory
};

// Joins `path` to the absolute directory `base` (ignored when `path` is
// absolute) and removes empty, "." and ".." components lexically; ".." at the
// root stays at the root, as on POSIX. Writes a NUL-terminated absolute path
// with no trailing slash (except "/" itself) to `out`.
// Errors: noent for an empty path, nametoolong when `out` is too small,
// inval when base is not absolute.
sys::result<normalized_path> normalize_path(const char* base, const char* path, char* out,
                                            size_t out_size);

// What the last component of `path` (as the program wrote it, trailing
// slashes ignored) is: "." and ".." name a directory that must already exist,
// so creating or removing them fails where a plain name would not.
enum class last_component { name, dot, dotdot };
last_component last_component_of(const char* path);

// True when `path` (normalised, absolute) is `prefix` or lies beneath it.
bool path_within(const char* path, const char* prefix);

}  // namespace wasishim::shim
