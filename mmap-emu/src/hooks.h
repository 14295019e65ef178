// What libc-shim tells mmap-emu around file I/O (wasishim/mman_hooks.h is
// the C contract; entries.cpp forwards to these).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "errors.h"

namespace wasishim::mman {

// Whether any file is mapped: when not, the shim skips the hooks.
bool files_mapped();
status before_read(int fd, int64_t offset, size_t len);
void after_write(int fd, int64_t offset, const void* data, size_t len);
status before_truncate(int fd, int64_t new_size);
void after_resize(int fd, int64_t new_size);
status before_sync(int fd);
// True when mmap-emu keeps the descriptor for its mappings.
bool adopt_on_close(int fd);

}  // namespace wasishim::mman
