// libFuzzer entry point over mmap-emu's pure logic (see mman_fuzz_body.h).
#include "mman_fuzz_body.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  wasishim::mman::run_fuzz_input(data, size);
  return 0;
}
