// The mmap-emu hooks (wasishim/mman_hooks.h) as weak references: null when
// mmap-emu is not linked, so each call site tests the address first.
#pragma once

#include "wasishim/mman_hooks.h"

extern "C" {
__attribute__((weak)) int __wasishim_mman_files_mapped(void);
__attribute__((weak)) int __wasishim_mman_before_read(int fd, int64_t offset, size_t len);
__attribute__((weak)) void __wasishim_mman_after_write(int fd, int64_t offset, const void* data,
                                                      size_t len);
__attribute__((weak)) int __wasishim_mman_before_truncate(int fd, int64_t new_size);
__attribute__((weak)) void __wasishim_mman_after_resize(int fd, int64_t new_size);
__attribute__((weak)) int __wasishim_mman_before_sync(int fd);
__attribute__((weak)) int __wasishim_mman_adopt_on_close(int fd);
__attribute__((weak)) int __wasishim_mman_exit(int status);
}

namespace wasishim::shim {
// Whether mmap-emu is linked and maps a file now: else the read, write,
// resize and sync hooks have nothing to do, and are skipped with the calls
// that would feed them.
inline bool mman_active() {
  return &__wasishim_mman_files_mapped != nullptr && __wasishim_mman_files_mapped() != 0;
}
}  // namespace wasishim::shim
