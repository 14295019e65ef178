#include "wasishim/page_size.h"

extern "C" int __wasishim_page_size(void) { return WASISHIM_PAGE_SIZE; }

// Strong, so it wins over libc-shim's weak getpagesize (wasi-libc's answer
// is the 64 KiB wasm page, which is not the size mappings are aligned to).
extern "C" int getpagesize(void) { return WASISHIM_PAGE_SIZE; }
