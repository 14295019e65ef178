// The fuzz body shared by the libFuzzer target and the unit test that runs it
// on random inputs: drives the page allocator and the mapping table the way
// mman.cpp does (mmap, MAP_FIXED, munmap, mprotect, mremap) and checks them
// against a page-by-page model; traps on any disagreement.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace wasishim::mman {
void run_fuzz_input(const uint8_t* data, size_t size);
}
