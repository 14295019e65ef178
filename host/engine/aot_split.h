// Splitting wasm2c's one C file into several translation units, so that a
// big module compiles on every core. Debian's wasm2c 1.0.32 has no
// --num-outputs, but its output has a fixed shape:
//
//   preamble   includes, macros and static inline helpers
//   set-up     the function-type table, tags, the prototype of every
//              function, globals, data and element segments, init functions
//   functions  one definition per function, each ending in a "}" line
//   tail       export wrappers, init_module, instantiate, free
//
// Each part gets the preamble, extern declarations of everything the
// functions share (their prototypes, the type table, tags), and a run of
// function definitions; set-up and tail stay together in the main unit. The
// functions lose `static`; the object's version script keeps them local.
// Anything not of this shape is not split (the caller compiles it whole).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wasishim::aot {

struct SplitSource {
  std::string preamble;  // for every unit
  std::string shared;    // extern declarations for the parts
  std::string main;      // set-up and tail, for the main unit
  std::vector<std::string> parts;  // function definitions, `parts` runs at most
  // The C symbols of the functions, in the order wasm2c declared them (the
  // module's function index order, after imports).
  std::vector<std::string> function_symbols;
};

// Splits `c` (wasm2c's .c output) into at most `parts` runs of functions of
// about equal size. Nothing when the text does not have the expected shape.
std::optional<SplitSource> split_wasm2c_output(std::string_view c, size_t parts);

// The function symbols alone, in declaration order (empty if not found):
// for naming trapping functions when the output is not split.
std::vector<std::string> declared_functions(std::string_view c);

}  // namespace wasishim::aot
