// Path resolution beneath a preopened directory. Every lookup starts from a
// directory descriptor and is confined to it by the kernel (openat2 with
// RESOLVE_BENEATH); no host path string is ever built from a guest path.
#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>

#include "wasi/types.h"
#include "wasi/unique_fd.h"

namespace wasishim::sandbox {

struct OpenResult {
  UniqueFd fd;
  wasi::Errno error = wasi::Errno::success;
};

// Opens `path` relative to `dirfd`, never leaving the tree under `dirfd`.
// `follow_final` decides whether a symlink in the last component is followed;
// symlinks in earlier components are always followed, but only beneath.
OpenResult open_beneath(int dirfd, std::string_view path, int flags,
                        mode_t mode, bool follow_final);

// The directory that contains the final component of `path`, opened beneath
// `dirfd`, and that component's name (keeping a trailing slash if the path had
// one). Operations then use *at(parent, name) calls, which cannot escape as long
// as name is a single component other than "." and "..": those are resolved
// as whole paths instead, with name set to ".".
struct ParentResult {
  UniqueFd parent;
  std::string name;
  wasi::Errno error = wasi::Errno::success;
};
ParentResult open_parent_beneath(int dirfd, std::string_view path);

}  // namespace wasishim::sandbox
