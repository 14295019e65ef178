// What the host reads from a module binary independently of any engine: the
// shape of its imports and exports, and the function names from the "name"
// custom section. A structural read, cheap enough for every start-up: it skips
// the code, so it does not validate function bodies (the interpreter and
// wasm2c do that before anything runs them).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace wasishim {

// Value types are one letter each: 'i' i32, 'I' i64, 'f' f32, 'F' f64, '?'
// anything else (v128, references). Kinds: "func", "table", "memory",
// "global", "tag".
struct ModuleLayout {
  struct Import {
    std::string module, name, kind, params, results;
  };
  struct Export {
    std::string name, kind, params, results;
    uint32_t index = 0;  // in the index space of its kind
  };
  std::vector<Import> imports;
  std::vector<Export> exports;
  uint32_t imported_functions = 0;
  uint32_t defined_functions = 0;
  // The module defines or imports an exception tag: it uses wasm exception
  // handling (clang's setjmp/longjmp lowering does).
  bool uses_exceptions = false;
};

// Reads the sections that describe imports, exports and function types.
// Returns false with `*error` set when the binary is not well formed there.
bool read_layout(std::span<const uint8_t> wasm, ModuleLayout* out, std::string* error);

// Whether the exported function `export_name` is the wrapper wasm-ld puts
// around every export of a command module when no object calls
// __wasm_call_ctors itself: `call __wasm_call_ctors; call F (arguments passed
// on); call __wasm_call_dtors`, so that each call runs the constructors again.
// Read from the body, so a module without a name section is recognised too.
bool is_command_export_wrapper(std::span<const uint8_t> wasm, const ModuleLayout& layout,
                               std::string_view export_name);

// Function index -> name, from the name section's function-names subsection.
// Returns an empty map when the module has no (or a malformed) name section.
std::unordered_map<uint32_t, std::string> read_function_names(std::span<const uint8_t> wasm);

}  // namespace wasishim
