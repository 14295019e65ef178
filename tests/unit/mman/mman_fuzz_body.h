// The fuzz body shared by the libFuzzer target and the unit test that runs it
// on random inputs: drives mmap-emu's real mapping operations (map, unmap,
// protect, remap, sync) and the hooks libc-shim calls around file I/O, over
// the in-memory files of fake_wasi.h, and checks every mapped byte, the
// files' bytes and the region's accounting against a page-by-page model;
// traps on any disagreement.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace wasishim::mman {
void run_fuzz_input(const uint8_t* data, size_t size);
}
