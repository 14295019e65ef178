// What a module asks for, in words: the wasi_snapshot_preview1 functions
// sorted into capability groups (`wasishim caps`, Policy::deny), and the WASI
// errno names the host prints and accepts.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace wasishim {

struct CapabilityGroup {
  std::string_view name;
  std::string_view description;
  std::span<const std::string_view> functions;
};

std::span<const CapabilityGroup> capability_groups();

// The group a wasi_snapshot_preview1 function belongs to; empty if the name
// is not a preview1 function.
std::string_view group_of(std::string_view function);

// The WASI errno value named as `--trace` prints it ("noent", "2big",
// "notcapable"); nullopt for "success" and for anything else.
std::optional<uint16_t> wasi_errno_from_name(std::string_view name);

}  // namespace wasishim
