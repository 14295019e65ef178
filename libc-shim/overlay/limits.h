/* wasishim overlay: wasi-libc's <limits.h> with PAGESIZE/PAGE_SIZE set to
 * the one page size of wasishim's memory mapping (4096, see mmap-emu's
 * wasishim/page_size.h), the value sysconf(_SC_PAGESIZE) and getpagesize()
 * report, instead of the 64 KiB wasm page. */
#include_next <limits.h>

#ifndef WASISHIM_OVERLAY_LIMITS_H
#define WASISHIM_OVERLAY_LIMITS_H
#include <__macro_PAGESIZE.h>
#undef PAGESIZE
#define PAGESIZE 4096
#undef PAGE_SIZE
#define PAGE_SIZE PAGESIZE
#endif
