// The generated glue between wasm2c's output and the host (aot_abi.h): the
// import functions wasm2c's code calls, export trampolines, and the module
// descriptor the host looks up after dlopen.
#pragma once

#include <string>
#include <vector>

#include "engine/module_info.h"

namespace wasishim::aot {

struct GlueInput {
  const ModuleLayout* layout = nullptr;
  std::string module_name;  // wasm2c's -n
  std::string header;       // wasm2c's .h, to check each export the glue names exists
  std::string key;          // recorded in the descriptor
  bool embed_module = false;  // .incbin "module.wasm" (wasishim compile's self-contained objects)
  size_t wasm_size = 0;
  std::vector<std::string> function_symbols;  // aot_split.h
  // The main unit's wasm2c text (set-up and tail) when the output was split;
  // empty when guest.c is compiled whole.
  std::string split_preamble;
  std::string split_main;
};

// The glue unit's text: the ABI and runtime sources, then the module's set-up
// when split, then the glue proper.
std::string generate_glue(const GlueInput& in);

}  // namespace wasishim::aot
