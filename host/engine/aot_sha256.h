// SHA-256 (FIPS 180-4), for the AOT cache key and the check of a cached
// object before it is loaded: compiled objects are native code, so the hash
// that names or vouches for one must not collide by accident or by design.
// Objects are hashed on every run, so blocks go through the CPU's SHA
// instructions where it has them (about five times the portable speed).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace wasishim::aot {

class Sha256 {
 public:
  Sha256();
  void update(const void* data, size_t size);
  void update(std::string_view text) { update(text.data(), text.size()); }
  std::string hex_digest();  // finishes the hash

  // Tests: whether the SHA instructions are used, and a way to turn them off
  // so both paths can be compared.
  static bool accelerated();
  static void force_portable(bool on);

 private:
  void blocks(const uint8_t* p, size_t count);
  uint32_t state_[8];
  uint8_t buffer_[64];
  size_t buffered_ = 0;
  uint64_t length_ = 0;
};

// The hex digest of `bytes`, in one call.
std::string sha256_hex(std::span<const uint8_t> bytes);

}  // namespace wasishim::aot
