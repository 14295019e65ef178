// The C entries: mmap and friends, the hooks libc-shim calls
// (wasishim/mman_hooks.h), the exit flush and the flush the host calls after
// a trap. Each forwards to a function returning a result and sets errno from
// it through the mapping libc-shim uses too (wasishim/posix_errno.h).
//
// The hooks live in this object on purpose: the shim references them weakly,
// and a weak reference does not pull an archive member, so they must come
// with mmap itself. So do the exit flush's registration and the export.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "coherence.h"
#include "exit_flush.h"
#include "hooks.h"
#include "mapping_ops.h"
#include "wasishim/mman_hooks.h"
#include "wasishim/posix_errno.h"

namespace wasishim::mman {
namespace {

// The C entries' way out is wasishim/posix_errno.h's (fail, to_c), shared
// with libc-shim; mmap's own failure value is MAP_FAILED.
using wasishim::to_c;
void* to_c(const result<uintptr_t>& r) {
  if (!r) {
    fail(r.error());
    return MAP_FAILED;
  }
  return reinterpret_cast<void*>(*r);
}

int errno_of(const status& r) { return r ? 0 : posix_errno(r.error()); }


// exit() and return from main: the last atexit handler to run (see below).
// A failure was reported on stderr; the status then says so too. stdio's
// buffers are flushed first, as exit would have.
void exit_flush() {
  Busy busy;
  if (flush_at_exit()) return;
  fflush(nullptr);
  _Exit(kExitWriteBackFailed);
}

// The one registration of the exit flush, before any other constructor, so it
// takes the first atexit slot and runs after every handler the program
// registers (stores those handlers make are kept). _Exit and abort skip
// atexit handlers; libc-shim flushes there (__wasishim_mman_exit).
__attribute__((constructor(101))) void register_exit_flush() { atexit(exit_flush); }

uintptr_t addr_of(const void* p) { return reinterpret_cast<uintptr_t>(p); }

}  // namespace
}  // namespace wasishim::mman

extern "C" __attribute__((weak)) int __wasishim_wasi_descriptor(int fd);
extern "C" __attribute__((weak)) int __wasishim_dev_zero_access(int fd);

namespace wasishim::mman {
namespace {

// The WASI descriptor behind a dup'ed number (the shim's table), or -errno.
int wasi_descriptor(int fd, int flags) {
  if ((flags & MAP_ANONYMOUS) || fd < 0 || &__wasishim_wasi_descriptor == nullptr) return fd;
  return __wasishim_wasi_descriptor(fd);
}

// A mapping of the shim's /dev/zero (open without a preopen) is anonymous
// memory, private or shared as asked, as Linux makes it; the descriptor's
// access mode is checked as for a file. False for any other descriptor.
result<bool> maps_dev_zero(int fd, int prot, int flags) {
  if ((flags & MAP_ANONYMOUS) || fd < 0 || &__wasishim_dev_zero_access == nullptr) return false;
  const int access = __wasishim_dev_zero_access(fd);
  if (access < 0) return false;
  const bool reads = access & 1, writes = access & 2;
  if (!reads) return failure(errc::acces);
  const bool shared = (flags & MAP_TYPE) != MAP_PRIVATE;
  if (shared && (prot & PROT_WRITE) && !writes) return failure(errc::acces);
  return true;
}

}  // namespace
}  // namespace wasishim::mman

using namespace wasishim::mman;

extern "C" {

// Every entry point runs as Busy (exit_flush.h) and first makes stores
// through one shared mapping visible in the others (docs/mmap.md, "When a
// store is visible"); if that needs memory there is none of, the call fails
// with ENOMEM and nothing is lost.

void* mmap(void* addr, size_t length, int prot, int flags, int fd, off_t offset) {
  Busy busy;
  if (auto p = propagate(); !p) return to_c(result<uintptr_t>(failure(p.error())));
  auto zero = maps_dev_zero(fd, prot, flags);
  if (!zero) return to_c(result<uintptr_t>(failure(zero.error())));
  if (*zero) return to_c(map(addr_of(addr), length, prot, flags | MAP_ANONYMOUS, -1, offset));
  const int wasi = wasi_descriptor(fd, flags);
  if (wasi < -1) {
    errno = -wasi;
    return MAP_FAILED;
  }
  return to_c(map(addr_of(addr), length, prot, flags, wasi, offset));
}

int munmap(void* addr, size_t length) {
  Busy busy;
  if (auto p = propagate(); !p) return to_c(p);
  return to_c(unmap(addr_of(addr), length));
}

int msync(void* addr, size_t length, int flags) {
  Busy busy;
  if (auto p = propagate(); !p) return to_c(p);
  return to_c(sync(addr_of(addr), length, flags));
}

int mprotect(void* addr, size_t length, int prot) {
  Busy busy;
  if (auto p = propagate(); !p) return to_c(p);
  return to_c(protect(addr_of(addr), length, prot));
}

int madvise(void* addr, size_t length, int advice) {
  Busy busy;
  if (auto p = propagate(); !p) return to_c(p);
  return to_c(advise(addr_of(addr), length, advice));
}

int posix_madvise(void* addr, size_t length, int advice) {
  Busy busy;
  if (auto p = propagate(); !p) return errno_of(p);
  if (advice < POSIX_MADV_NORMAL || advice > POSIX_MADV_DONTNEED) return EINVAL;
  // POSIX_MADV_DONTNEED is only advice: unlike MADV_DONTNEED it keeps the
  // data, and glibc accepts it without looking at the range.
  if (advice == POSIX_MADV_DONTNEED) return 0;
  return errno_of(advise(addr_of(addr), length, advice));
}

void* mremap(void* old_addr, size_t old_length, size_t new_length, int flags, ...) {
  Busy busy;
  if (auto p = propagate(); !p) return to_c(result<uintptr_t>(failure(p.error())));
  uintptr_t hint = 0;
  if (flags & MREMAP_FIXED) {
    va_list ap;
    va_start(ap, flags);
    hint = addr_of(va_arg(ap, void*));
    va_end(ap);
  }
  return to_c(remap(addr_of(old_addr), old_length, new_length, flags, hint));
}

int __wasishim_mman_files_mapped(void) { return files_mapped() ? 1 : 0; }

int __wasishim_mman_before_read(int fd, int64_t offset, size_t len) {
  Busy busy;
  if (auto p = propagate(); !p) return errno_of(p);
  return errno_of(before_read(fd, offset, len));
}

void __wasishim_mman_after_write(int fd, int64_t offset, const void* data, size_t len) {
  Busy busy;
  // The write happened: a failed propagation loses nothing (the stores stay
  // in their copies) and is retried at the next call.
  (void)propagate();
  after_write(fd, offset, data, len);
}

int __wasishim_mman_before_truncate(int fd, int64_t new_size) {
  Busy busy;
  if (auto p = propagate(); !p) return errno_of(p);
  return errno_of(before_truncate(fd, new_size));
}

void __wasishim_mman_after_resize(int fd, int64_t new_size) {
  Busy busy;
  (void)propagate();
  after_resize(fd, new_size);
}

int __wasishim_mman_before_sync(int fd) {
  Busy busy;
  if (auto p = propagate(); !p) return errno_of(p);
  return errno_of(before_sync(fd));
}

int __wasishim_mman_adopt_on_close(int fd) {
  Busy busy;
  (void)propagate();
  return adopt_on_close(fd) ? 1 : 0;
}

int __wasishim_mman_exit(int status) {
  Busy busy;
  return flush_at_exit() ? status : kExitWriteBackFailed;
}

// The host calls this after the guest trapped or called proc_exit without
// libc (docs/mmap.md, "Crash consistency"). Returns 0 or a WASI errno.
__attribute__((export_name("__wasishim_mman_flush"))) int __wasishim_mman_flush(void) {
  status r = flush_for_host();
  return r ? 0 : static_cast<int>(r.error());
}

}  // extern "C"
