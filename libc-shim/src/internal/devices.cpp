// The device files every POSIX program may assume, provided inside the
// instance when no preopen holds them: /dev/null, /dev/zero, /dev/full,
// /dev/random and /dev/urandom as open file descriptions of their own (read,
// write, lseek, fstat, poll, fcntl, dup and mmap of /dev/zero behave as on
// Linux), and /dev/stdin, /dev/stdout, /dev/stderr and /dev/fd/N as another
// descriptor of the open file they name. A preopen that holds /dev wins: the
// host's own devices are used then. docs/porting.md, "Device files".
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "shim.h"

namespace wasishim::shim {

namespace {

struct device_name {
  const char* path;
  device_kind kind;
  unsigned minor;  // Linux's: major 1, the "mem" devices
};

constexpr device_name devices[] = {
    {"/dev/null", device_kind::null, 3},     {"/dev/zero", device_kind::zero, 5},
    {"/dev/full", device_kind::full, 7},     {"/dev/random", device_kind::random, 8},
    {"/dev/urandom", device_kind::urandom, 9},
};

const device_name* find_device(const char* abs) {
  for (const device_name& d : devices)
    if (strcmp(abs, d.path) == 0) return &d;
  return nullptr;
}

const device_name& name_of(device_kind kind) {
  for (const device_name& d : devices)
    if (d.kind == kind) return d;
  return devices[0];
}

// The descriptor /dev/stdin, /dev/stdout, /dev/stderr or /dev/fd/N names; -1
// for any other path.
int stream_number(const char* abs) {
  if (strcmp(abs, "/dev/stdin") == 0) return 0;
  if (strcmp(abs, "/dev/stdout") == 0) return 1;
  if (strcmp(abs, "/dev/stderr") == 0) return 2;
  if (strncmp(abs, "/dev/fd/", 8) != 0) return -1;
  const char* digits = abs + 8;
  if (*digits < '0' || *digits > '9' || (digits[0] == '0' && digits[1] != '\0')) return -1;
  long n = 0;
  for (const char* p = digits; *p != '\0'; ++p) {
    if (*p < '0' || *p > '9') return -1;
    n = n * 10 + (*p - '0');
    if (n > INT_MAX) return -1;
  }
  return static_cast<int>(n);
}

bool readable(const description& d) { return (d.status_flags & O_RDONLY) != 0; }
bool writable(const description& d) { return (d.status_flags & O_WRONLY) != 0; }

size_t total_length(const struct iovec* iov, int count) {
  size_t n = 0;
  for (int i = 0; i < count; ++i) n += iov[i].iov_len;
  return n;
}

result<int> open_device(const device_name& dev, const char* abs, int oflag) {
  if (oflag & O_DIRECTORY) return failure(errc::notdir);
  if ((oflag & O_CREAT) && (oflag & O_EXCL)) return failure(errc::exist);
  int access = oflag & O_ACCMODE;
  if (access == 0) access = O_RDONLY;  // code written for O_RDONLY == 0
  if (access != O_RDONLY && access != O_WRONLY && access != O_RDWR) return failure(errc::inval);
  auto* d = static_cast<description*>(calloc(1, sizeof(description)));
  if (d == nullptr) return failure(errc::nomem);
  d->kind = description_kind::device;
  d->device = dev.kind;
  d->status_flags = access | (oflag & (O_APPEND | O_NONBLOCK));
  auto n = lowest_free_number(0);
  if (n) {
    if (auto r = alias(open_file{d, 0}, -1, *n, (oflag & O_CLOEXEC) != 0); !r) n = failure(r.error());
  }
  if (!n) {
    free(d);
    return failure(n.error());
  }
  fd_remember_path(*n, abs);
  return *n;
}

}  // namespace

bool may_be_builtin(int dirfd, const char* path, errc resolve_error) {
  // resolve_at leaves the absolute path in its buffer when no preopen holds it.
  return resolve_error == errc::noent && path != nullptr && path[0] != '\0' &&
         (dirfd == AT_FDCWD || path[0] == '/');
}

result<int> open_builtin(const char* path, const char* abs, int oflag) {
  const bool trailing_slash = path[strlen(path) - 1] == '/';
  if (const device_name* dev = find_device(abs)) {
    if (trailing_slash) return failure(errc::notdir);
    return open_device(*dev, abs, oflag);
  }
  // Linux has no controlling terminal to give a program run by a host.
  if (strcmp(abs, "/dev/tty") == 0) return failure(errc::nxio);
  const int stream = stream_number(abs);
  if (stream < 0) return failure(errc::noent);
  if (trailing_slash) return failure(errc::notdir);
  if (oflag & O_DIRECTORY) return failure(errc::notdir);
  if ((oflag & O_CREAT) && (oflag & O_EXCL)) return failure(errc::exist);
  // Another descriptor of the same open file description, as /dev/fd/N is on
  // the BSDs (Linux opens the file again, with an offset of its own).
  auto n = duplicate(stream, 0, (oflag & O_CLOEXEC) != 0);
  if (!n && n.error() == errc::badf) return failure(errc::noent);  // a dangling link on Linux
  return n;
}

result<sys::filestat> stat_builtin(const char* path, const char* abs) {
  const bool trailing_slash = path[strlen(path) - 1] == '/';
  if (const device_name* dev = find_device(abs)) {
    if (trailing_slash) return failure(errc::notdir);
    return device_filestat(dev->kind);
  }
  const int stream = stream_number(abs);
  if (stream < 0) return failure(errc::noent);
  if (trailing_slash) return failure(errc::notdir);
  auto f = lookup(stream);
  if (!f) return failure(errc::noent);
  if (f->is_device()) return device_filestat(f->d->device);
  if (f->is_pipe()) {
    // fstat() describes a pipe fully; this form (for access, chmod) has no
    // FIFO type, so it names the pipe only.
    auto key = file_key_of(*f);
    if (!key) return failure(key.error());
    sys::filestat st{};
    st.dev = key->dev;
    st.ino = key->ino;
    st.nlink = 1;
    return st;
  }
  auto st = sys::fd_filestat_get(f->wasi);
  if (!st && st.error() == errc::badf) return failure(errc::noent);
  return st;
}

int builtin_stream(const char* abs) { return stream_number(abs); }

sys::filestat device_filestat(device_kind kind) {
  sys::filestat st{};
  st.dev = builtin_device;
  st.ino = name_of(kind).minor;
  st.filetype = sys::filetype::character_device;
  st.nlink = 1;
  return st;
}

dev_t device_rdev(uint64_t ino) { return makedev(1, static_cast<unsigned>(ino)); }

result<size_t> device_read(const description& d, const struct iovec* iov, int count) {
  if (!readable(d)) return failure(errc::badf);
  if (count < 0 || count > IOV_MAX) return failure(errc::inval);
  switch (d.device) {
    case device_kind::null:
      return size_t{0};
    case device_kind::zero:
    case device_kind::full:
      for (int i = 0; i < count; ++i) memset(iov[i].iov_base, 0, iov[i].iov_len);
      return total_length(iov, count);
    case device_kind::random:
    case device_kind::urandom:
      for (int i = 0; i < count; ++i) {
        if (iov[i].iov_len == 0) continue;
        if (auto r = sys::random_get(iov[i].iov_base, iov[i].iov_len); !r) return failure(errc::io);
      }
      return total_length(iov, count);
  }
  return failure(errc::badf);
}

result<size_t> device_write(const description& d, const struct iovec* iov, int count) {
  if (!writable(d)) return failure(errc::badf);
  if (count < 0 || count > IOV_MAX) return failure(errc::inval);
  // Everything written is accepted and dropped, except by /dev/full.
  if (d.device == device_kind::full) return failure(errc::nospc);
  return total_length(iov, count);
}

}  // namespace wasishim::shim
