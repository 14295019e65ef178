// Repairs to the C that Debian's wasm2c (1.0.32) writes for modules that use
// wasm exception handling, which clang's setjmp/longjmp lowering does. The
// third repair, restoring the unwind target when a branch leaves a try block,
// needs no text change: aot_eh.h gives each try's target a cleanup.
#pragma once

#include <string>

namespace wasishim::aot {

// In `c`, wasm2c's output for one module:
//  * a try block that a branch targets ends with its label under the raw
//    name ("$T6:;", a valid GCC label) while the branch uses the block's C
//    name ("goto w2c_T6;"): the label gets the C name;
//  * a catch reads locals the try block may have changed after sigsetjmp
//    saved the registers, which C leaves indeterminate unless they are
//    volatile: in each function with a try block, the parameters and locals
//    become volatile (what later wasm2c releases do).
// Returns whether anything changed. Output without try blocks is left as is.
bool fix_wasm2c_exceptions(std::string& c);

}  // namespace wasishim::aot
