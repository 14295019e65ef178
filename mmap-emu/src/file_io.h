// The few WASI calls mmap-emu makes on files, behind one seam: file_io.cpp
// implements them with the typed bindings in the guest, and the native unit
// tests link an in-memory fake, so the real mapping code runs under
// GoogleTest and sanitizers.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "errors.h"

namespace wasishim::mman::io {

// One call each, as the host answers it (a short count is not an error).
result<size_t> pread(uint32_t fd, void* buf, size_t len, uint64_t offset);
result<size_t> pwrite(uint32_t fd, const void* buf, size_t len, uint64_t offset);
result<sys::filestat> filestat(uint32_t fd);
result<sys::fdstat> fdstat(uint32_t fd);
status set_fdflags(uint32_t fd, sys::fdflags flags);
status datasync(uint32_t fd);
status close(uint32_t fd);
// Writes a line to the program's stderr; nothing to report if it fails.
void report(const char* text);

}  // namespace wasishim::mman::io
