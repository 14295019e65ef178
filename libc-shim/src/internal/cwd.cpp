// The working directory: kept by the shim as a normalised absolute path,
// initially $PWD when the host names one, else "/" (preview1 has no notion of
// one). chdir("..") and friends are resolved lexically, so getcwd never
// returns "/bin/..".
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

using namespace wasishim::shim;
using namespace wasishim;

extern "C" {

int chdir(const char* path) {
  if (path == nullptr) return fail(errc::fault);
  return to_c(set_directory(path));
}

int fchdir(int fd) {
  auto wasi = wasi_fd(fd, errc::notdir);
  if (!wasi) return fail(wasi.error());
  if (const char* known = fd_path(fd)) return to_c(set_directory(known));
  preopen_table& t = preopens();
  for (size_t i = 0; i < t.size(); ++i)
    if (t.fd_at(i) == static_cast<int>(*wasi)) return to_c(set_directory(t.mount_at(i)));
  auto st = sys::fd_fdstat_get(*wasi);
  if (!st) return fail(st.error());
  if (st->fs_filetype != sys::filetype::directory) return fail(errc::notdir);
  // A directory descriptor the shim did not open (inherited, say) has no
  // name the shim knows.
  return fail(errc::notsup);
}

char* getcwd(char* buf, size_t size) {
  const char* cwd = current_directory();
  const size_t need = strlen(cwd) + 1;
  if (buf == nullptr) {
    if (size == 0) size = need;
    if (size < need) return null_with<char>(errc::range);
    buf = static_cast<char*>(malloc(size));
    if (buf == nullptr) return null_with<char>(errc::nomem);
  } else if (size == 0) {
    return null_with<char>(errc::inval);
  } else if (size < need) {
    return null_with<char>(errc::range);
  }
  memcpy(buf, cwd, need);
  return buf;
}

}  // extern "C"
