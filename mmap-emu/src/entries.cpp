// The C entries: mmap and friends, the hooks libc-shim calls
// (wasishim/mman_hooks.h) and the exit flush. Each forwards to a function
// returning a result and sets errno from it through the mapping libc-shim
// uses too (wasishim/posix_errno.h).
//
// The hooks live in this object on purpose: the shim references them weakly,
// and a weak reference does not pull an archive member, so they must come
// with mmap itself. So does the exit flush's registration.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "coherence.h"
#include "hooks.h"
#include "mapping_ops.h"
#include "wasishim/mman_hooks.h"
#include "wasishim/posix_errno.h"

namespace wasishim::mman {
namespace {

int fail(errc e) {
  errno = posix_errno(e);
  return -1;
}

int to_c(const status& r) { return r ? 0 : fail(r.error()); }

void* to_c(const result<uintptr_t>& r) {
  if (!r) {
    errno = posix_errno(r.error());
    return MAP_FAILED;
  }
  return reinterpret_cast<void*>(*r);
}

int errno_of(const status& r) { return r ? 0 : posix_errno(r.error()); }

void flush_at_exit() { (void)write_back_everything(); }

// The one registration of the exit flush, before any other constructor, so it
// takes the first atexit slot and runs after every handler the program
// registers (stores those handlers make are kept). _Exit and abort skip
// atexit handlers; libc-shim flushes there (__wasishim_mman_flush_all).
__attribute__((constructor(101))) void register_exit_flush() { atexit(flush_at_exit); }

uintptr_t addr_of(const void* p) { return reinterpret_cast<uintptr_t>(p); }

}  // namespace
}  // namespace wasishim::mman

using namespace wasishim::mman;

extern "C" {

// Every entry point and every hook first makes stores through one shared
// mapping visible in the others (docs/mmap.md, "When a store is visible").

void* mmap(void* addr, size_t length, int prot, int flags, int fd, off_t offset) {
  propagate();
  return to_c(map(addr_of(addr), length, prot, flags, fd, offset));
}

int munmap(void* addr, size_t length) {
  propagate();
  return to_c(unmap(addr_of(addr), length));
}

int msync(void* addr, size_t length, int flags) {
  propagate();
  return to_c(sync(addr_of(addr), length, flags));
}

int mprotect(void* addr, size_t length, int prot) {
  propagate();
  return to_c(protect(addr_of(addr), length, prot));
}

int madvise(void* addr, size_t length, int advice) {
  propagate();
  return to_c(advise(addr_of(addr), length, advice));
}

int posix_madvise(void* addr, size_t length, int advice) {
  propagate();
  if (advice < POSIX_MADV_NORMAL || advice > POSIX_MADV_DONTNEED) return EINVAL;
  // POSIX_MADV_DONTNEED is only advice: unlike MADV_DONTNEED it keeps the
  // data, and glibc accepts it without looking at the range.
  if (advice == POSIX_MADV_DONTNEED) return 0;
  return errno_of(advise(addr_of(addr), length, advice));
}

void* mremap(void* old_addr, size_t old_length, size_t new_length, int flags, ...) {
  propagate();
  uintptr_t hint = 0;
  if (flags & MREMAP_FIXED) {
    va_list ap;
    va_start(ap, flags);
    hint = addr_of(va_arg(ap, void*));
    va_end(ap);
  }
  return to_c(remap(addr_of(old_addr), old_length, new_length, flags, hint));
}

int __wasishim_mman_before_read(int fd, int64_t offset, size_t len) {
  propagate();
  return errno_of(before_read(fd, offset, len));
}

void __wasishim_mman_after_write(int fd, int64_t offset, const void* data, size_t len) {
  propagate();
  after_write(fd, offset, data, len);
}

int __wasishim_mman_before_truncate(int fd, int64_t new_size) {
  propagate();
  return errno_of(before_truncate(fd, new_size));
}

void __wasishim_mman_after_resize(int fd, int64_t new_size) {
  propagate();
  after_resize(fd, new_size);
}

int __wasishim_mman_adopt_on_close(int fd) {
  propagate();
  return adopt_on_close(fd) ? 1 : 0;
}

int __wasishim_mman_flush_all(void) { return errno_of(write_back_everything()); }

}  // extern "C"
