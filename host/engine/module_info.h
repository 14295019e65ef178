// What the host reads from a module binary independently of any engine:
// the function names from the "name" custom section.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>

namespace wasishim {

// Function index -> name, from the name section's function-names subsection.
// Returns an empty map when the module has no (or a malformed) name section.
std::unordered_map<uint32_t, std::string> read_function_names(std::span<const uint8_t> wasm);

}  // namespace wasishim
