// The program's descriptor numbers over WASI's: lookup, numbering and close.
// descriptor_table.h says why numbers and WASI descriptors can differ. A
// program that never calls dup or pipe keeps an empty table, and every
// number is its WASI descriptor.
#include <fcntl.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "mman_calls.h"
#include "pipe_buffer.h"
#include "shim.h"

namespace wasishim::shim {

void forget_preopen(int fd);  // resolve.cpp
void (*close_lock_hook)(const open_file& f, bool last) = nullptr;

namespace {

descriptor_table table;

bool wasi_open(int n) {
  auto st = sys::fd_fdstat_get(static_cast<sys::fd_t>(n));
  return st || st.error() != errc::badf;
}

// Closes a WASI descriptor the program no longer names by any number.
result<void> close_wasi(sys::fd_t wasi) {
  if (&__wasishim_mman_adopt_on_close != nullptr &&
      __wasishim_mman_adopt_on_close(static_cast<int>(wasi)) == 1) {
    // mmap-emu keeps it open for its mappings; the program must not reach it.
    (void)table.set_hidden(wasi, true);
    return {};
  }
  auto r = sys::fd_close(wasi);
  if (!r) return r;
  (void)table.set_hidden(wasi, false);
  forget_preopen(static_cast<int>(wasi));
  return {};
}

void release(description* d) {
  if (d->kind == description_kind::file)
    (void)close_wasi(d->wasi);  // as close() after a dup: its errors have no one to go to
  else if (d->kind != description_kind::device)
    pipe_end_closed(*d);
  free(d);
}

description* new_file_description(sys::fd_t wasi) {
  auto* d = static_cast<description*>(calloc(1, sizeof(description)));
  if (d == nullptr) return nullptr;
  d->kind = description_kind::file;
  d->wasi = wasi;
  return d;
}

// Puts WASI descriptor `wasi` behind program number `fd`, hiding its own
// number (which may or may not be `fd`).
result<description*> enter(sys::fd_t wasi, int fd) {
  description* d = new_file_description(wasi);
  if (d == nullptr) return failure(errc::nomem);
  if (auto r = table.set_hidden(wasi, true); !r) {
    free(d);
    return failure(r.error());
  }
  if (auto r = table.attach(fd, d); !r) {
    (void)table.set_hidden(wasi, false);
    free(d);
    return failure(r.error());
  }
  return d;
}

}  // namespace

result<open_file> lookup(int fd) {
  if (fd < 0) return failure(errc::badf);
  if (table.empty()) return open_file{nullptr, static_cast<sys::fd_t>(fd)};
  if (description* d = table.at(fd)) return open_file{d, d->wasi};
  if (table.hidden(static_cast<uint32_t>(fd))) return failure(errc::badf);
  return open_file{nullptr, static_cast<sys::fd_t>(fd)};
}

result<sys::fd_t> wasi_fd(int fd, errc for_pipe) {
  auto f = lookup(fd);
  if (!f) return failure(f.error());
  if (f->in_instance()) return failure(for_pipe);
  return f->wasi;
}

bool names_open_file(int fd) {
  auto f = lookup(fd);
  if (!f) return false;
  return f->d != nullptr || wasi_open(fd);
}

int descriptor_limit() {
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur > INT_MAX) return INT_MAX;
  return static_cast<int>(rl.rlim_cur);
}

result<int> lowest_free_number(int from) {
  const int n = table.lowest_free(from, descriptor_limit(), wasi_open);
  if (n < 0) return failure(errc::mfile);
  return n;
}

result<int> number_for_new(sys::fd_t wasi) {
  const int own = static_cast<int>(wasi);
  // The host just opened it, so any mark on the number is stale: mmap-emu
  // kept that descriptor once and has since closed it.
  (void)table.set_hidden(wasi, false);
  if (table.empty()) return own;
  // POSIX gives the lowest free number. The host's lowest free is not the
  // program's when a dup or pipe holds it, or when a number below is free
  // to the program though its WASI descriptor lives on (behind a dup, or
  // kept by mmap-emu for a mapping).
  auto n = lowest_free_number(0);
  if (n && *n > own && table.at(own) == nullptr) return own;
  if (n) {
    if (auto d = enter(wasi, *n)) return *n;
    else n = failure(d.error());
  }
  (void)sys::fd_close(wasi);
  return failure(n.error());
}

result<void> alias(const open_file& f, int source, int fd, bool cloexec) {
  description* d = f.d;
  if (d == nullptr) {
    auto entered = enter(f.wasi, static_cast<int>(f.wasi));
    if (!entered) return failure(entered.error());
    d = *entered;
  }
  if (auto r = table.attach(fd, d); !r) return r;
  fd_remember_path(fd, fd_path(source));
  fd_set_cloexec(fd, cloexec);
  return {};
}

result<void> close_fd(int fd) {
  auto f = lookup(fd);
  if (!f) return failure(f.error());
  if (f->d == nullptr) {
    if (close_lock_hook != nullptr) close_lock_hook(*f, true);
    if (auto r = close_wasi(f->wasi); !r) return r;
    fd_forget(fd);
    return {};
  }
  if (close_lock_hook != nullptr) close_lock_hook(*f, f->d->refs == 1);
  description* d = table.detach(fd);
  fd_forget(fd);
  if (d->refs == 0) release(d);
  return {};
}

result<file_key> file_key_of(const open_file& f) {
  if (f.is_pipe()) return file_key{pipe_device, f.d->pipe->id};
  if (f.is_device()) return file_key{builtin_device, device_filestat(f.d->device).ino};
  auto st = sys::fd_filestat_get(f.wasi);
  if (!st) return failure(st.error());
  return file_key{st->dev, st->ino};
}

uint64_t description_owner(const open_file& f) {
  if (f.is_pipe())
    return (uint64_t{2} << 32) | (uint64_t{f.d->pipe->id} << 1) |
           (f.d->kind == description_kind::pipe_write ? 1 : 0);
  if (f.is_device()) return (uint64_t{3} << 32) | reinterpret_cast<uintptr_t>(f.d);
  return (uint64_t{1} << 32) | f.wasi;
}

}  // namespace wasishim::shim

using namespace wasishim::shim;

extern "C" int __wasishim_wasi_descriptor(int fd) {
  auto f = lookup(fd);
  if (!f) return -wasishim::posix_errno(f.error());
  if (f->in_instance()) return -ENODEV;
  return static_cast<int>(f->wasi);
}

// mmap of /dev/zero is anonymous memory, as on Linux. For a descriptor naming
// the shim's /dev/zero: 1 if it reads, plus 2 if it writes; else -1.
extern "C" int __wasishim_dev_zero_access(int fd) {
  auto f = lookup(fd);
  if (!f || !f->is_device() || f->d->device != device_kind::zero) return -1;
  return ((f->d->status_flags & O_RDONLY) ? 1 : 0) | ((f->d->status_flags & O_WRONLY) ? 2 : 0);
}
