// The working directory: kept by the shim as a normalised absolute path,
// initially $PWD when the host names one, else "/" (preview1 has no notion of
// one). chdir("..") and friends (unistd/chdir.cpp) are resolved lexically, so
// getcwd never returns "/bin/..".
#include <stdlib.h>
#include <string.h>

#include "preopen_table.h"
#include "shim.h"

// wasi-libc's name for the working directory, kept as its getcwd.o/chdir.o
// define it so code reading it keeps working.
extern "C" {
char* __wasilibc_cwd = const_cast<char*>("/");
}

namespace wasishim::shim {

namespace {
bool cwd_owned = false;  // __wasilibc_cwd was malloc'ed by us
}  // namespace

result<void> set_directory(const char* path) {
  char buf[path_buffer_size];
  auto must_be_dir = absolute_path(path, buf);
  if (!must_be_dir) return failure(must_be_dir.error());
  if (!is_virtual_directory(buf)) {
    auto m = preopens().match(buf);
    if (!m) return failure(errc::noent);
    auto st = sys::path_filestat_get(static_cast<sys::fd_t>(m->fd), sys::lookupflags::symlink_follow,
                                     m->relative, strlen(m->relative));
    if (!st) return failure(st.error());
    if (st->filetype != sys::filetype::directory) return failure(errc::notdir);
  }
  char* copy = strdup(buf);
  if (copy == nullptr) return failure(errc::nomem);
  if (cwd_owned) free(__wasilibc_cwd);
  __wasilibc_cwd = copy;
  cwd_owned = true;
  return {};
}

namespace {
// POSIX says PWD, when set, names the working directory. Preview1 has no
// working directory, so a host that knows one (wasishim-exec, which runs a
// module as a native program is run) passes it there; the shim adopts it on
// first use if it is an absolute path to a directory it can reach, and
// otherwise starts at "/".
void adopt_initial_directory() {
  static bool adopted = false;
  if (adopted) return;
  adopted = true;
  const char* pwd = getenv("PWD");
  if (pwd != nullptr && pwd[0] == '/') (void)set_directory(pwd);
}
}  // namespace

const char* current_directory() {
  adopt_initial_directory();
  return __wasilibc_cwd;
}

}  // namespace wasishim::shim
