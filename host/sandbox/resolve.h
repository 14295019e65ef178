// Path resolution beneath a preopened directory. Every lookup starts from a
// directory descriptor and never leaves the tree under it; no host path string
// is ever built from a guest path.
//
// Two resolvers implement the same contract:
//  * openat2(RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS): the kernel confines the
//    walk. Used whenever the kernel has openat2.
//  * a manual walker that opens one component at a time with O_NOFOLLOW, reads
//    symlinks itself and splices their targets into the walk, keeping a stack
//    of the directories entered so ".." can never pop above the starting
//    directory (holding a bounded number of descriptors, however deep). Used
//    when the kernel has no openat2, or when forced (tests run every case
//    under both).
// Which one a process uses is decided once, the first time it is needed, by
// asking the kernel whether openat2 exists; the decision is then held, so every
// lookup of the process goes through the same resolver and none is retried
// with the other.
#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>

#include "sandbox/unique_fd.h"

namespace wasishim::sandbox {

enum class Resolver { openat2, manual };

// The resolver every lookup of this process uses: the manual one when forced,
// else the kernel's choice, made once.
Resolver active_resolver();
// Forces the manual resolver (true) or returns to the kernel's choice (false).
void force_manual_resolver(bool on);

// How many lookups beneath a directory (resolver runs) this process has made;
// tests use it to show how many an operation takes.
unsigned long resolution_count();

// The error of a lookup that would leave the tree beneath its starting
// directory (an absolute path or symlink target, ".." above the top): EXDEV,
// the kernel's own answer for openat2 with RESOLVE_BENEATH. Nothing else the
// sandbox calls returns EXDEV, so it means exactly this.
inline constexpr int kEscapes = EXDEV;

// Symlinks followed in one resolution before giving up with loop (as Linux's
// own limit).
inline constexpr int kMaxSymlinks = 40;

struct OpenResult {
  UniqueFd fd;
  int error = 0;  // host errno
};

// Opens `path` relative to `dirfd`, never leaving the tree under `dirfd`.
// `follow_final` decides whether a symlink in the last component is followed;
// symlinks in earlier components are always followed, but only beneath. A
// trailing slash makes the last component a directory lookup (and, as POSIX
// says, follows a symlink there) but still only beneath.
OpenResult open_beneath(int dirfd, std::string_view path, int flags,
                        mode_t mode, bool follow_final);

// The two implementations, exposed for tests. Each only resolves; neither
// chooses (open_beneath_openat2 on a kernel without openat2 reports ENOSYS).
OpenResult open_beneath_openat2(int dirfd, std::string_view path, int flags,
                                mode_t mode, bool follow_final);
OpenResult open_beneath_manual(int dirfd, std::string_view path, int flags,
                               mode_t mode, bool follow_final);

// The directory that contains the final component of `path`, opened beneath
// `dirfd` (an O_PATH descriptor), and that component's name: always exactly
// one component, never containing '/', never "..". A path that names a
// directory by walking ("." , "a/..", "") yields name ".".
//
// With `follow_final`, a symlink in the last component is resolved here, in
// user space and beneath `dirfd`, until the name is not a symlink; callers
// then use *at() calls with AT_SYMLINK_NOFOLLOW so a symlink swapped in
// afterwards is never followed by the kernel.
struct ParentResult {
  UniqueFd parent;
  std::string name;
  bool trailing_slash = false;  // the guest path ended in '/'
  int error = 0;  // host errno

  // The name with the guest's trailing slash restored, for the namespace
  // calls (mkdirat, unlinkat, renameat, symlinkat) that never follow the last
  // component, so the kernel applies POSIX trailing-slash rules itself.
  std::string name_as_given() const { return trailing_slash ? name + "/" : name; }
};
ParentResult open_parent_beneath(int dirfd, std::string_view path, bool follow_final = false);

// open_parent_beneath for calls that act on what the last component names
// (stat, set times, readlink, link's source, open by type): a final symlink
// is followed when `follow`, or when a trailing slash demands it, as POSIX
// says, in that same lookup.
ParentResult open_parent_following(int dirfd, std::string_view path, bool follow);

// Opens what `path` names, as open_beneath does, with `flags`, or with
// `directory_flags` when it is a directory: for a caller whose access mode
// depends on the type of the object (a directory can only be opened
// read-only). The path is resolved once, in the parent-directory shape: its
// parent beneath `dirfd` (the last component followed as `follow_final` or a
// trailing slash says), then the final name's type by fstatat, then one openat
// of that name with O_NOFOLLOW, so a name swapped in between fails rather than
// leads anywhere. Nothing is created: EINVAL if either flags has O_CREAT.
OpenResult open_beneath_by_type(int dirfd, std::string_view path, int flags,
                                int directory_flags, bool follow_final);

// Checks the guest path itself: kEscapes for absolute paths, EINVAL for an
// embedded NUL, EILSEQ for invalid UTF-8, ENOENT for an empty path,
// ENAMETOOLONG for PATH_MAX bytes or more; 0 when it may be resolved.
int check_guest_path(std::string_view path);

}  // namespace wasishim::sandbox
