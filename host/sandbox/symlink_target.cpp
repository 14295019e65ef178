#include "sandbox/symlink_target.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sandbox/path_text.h"
#include "sandbox/unique_fd.h"

namespace wasishim::sandbox {

bool symlink_target_escapes(int parent, std::string_view target, dev_t root_dev, ino_t root_ino) {
  const int climbed = levels_climbed(target);
  if (climbed == 0) return false;
  // Walk up at most `climbed` levels: meeting the root on the way means the
  // target leads above it.
  UniqueFd held;
  int current = parent;
  for (int level = 0; level < climbed; ++level) {
    struct stat st {};
    if (fstat(current, &st) != 0) return true;
    if (st.st_dev == root_dev && st.st_ino == root_ino) return true;
    int up = openat(current, "..", O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (up < 0) return true;
    held = UniqueFd(up);
    current = up;
  }
  return false;
}

}  // namespace wasishim::sandbox
