// Symlink targets that point above the guest's tree. A guest may create a
// relative symlink, but not one whose text leads above the directory at the
// top of its tree (the preopen): the sandbox would never follow it there, but
// other programs on the host would.
#pragma once

#include <sys/types.h>

#include <string_view>

namespace wasishim::sandbox {

// Whether the relative `target` of a symlink created in `parent` (a directory
// descriptor beneath the root) climbs above the root directory, identified by
// `root_dev` and `root_ino`. Judged from the link's own directory: its real
// depth below the root, found by walking "..", against the levels the text
// climbs. Links the target passes through, and later renames, are not
// judged (docs/host.md).
bool symlink_target_escapes(int parent, std::string_view target, dev_t root_dev, ino_t root_ino);

}  // namespace wasishim::sandbox
