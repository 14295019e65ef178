// A bounds-checked view of one guest's linear memory. Every guest pointer the
// host touches goes through here, so an out-of-range pointer becomes
// WASI's fault errno rather than a host read or write outside the sandbox.
#pragma once

#include <cstdint>
#include <bit>
#include <cstring>
#include <optional>
#include <span>
#include <string_view>

namespace wasishim {

class GuestMemory {
 public:
  GuestMemory() = default;
  GuestMemory(uint8_t* base, uint64_t size) : base_(base), size_(size) {}

  uint64_t size() const { return size_; }

  bool in_bounds(uint64_t ptr, uint64_t len) const {
    return ptr <= size_ && len <= size_ - ptr;
  }

  // A writable window of len bytes at ptr, or nullopt when any byte of it
  // lies outside memory.
  std::optional<std::span<uint8_t>> bytes(uint64_t ptr, uint64_t len) const {
    if (!in_bounds(ptr, len)) return std::nullopt;
    return std::span<uint8_t>(base_ + ptr, static_cast<size_t>(len));
  }

  std::optional<std::string_view> string(uint64_t ptr, uint64_t len) const {
    auto b = bytes(ptr, len);
    if (!b) return std::nullopt;
    return std::string_view(reinterpret_cast<const char*>(b->data()), b->size());
  }

  // Little-endian scalar access; wasm memory is little-endian and so is every
  // host this builds on (checked below), so memcpy is exact.
  template <class T>
  std::optional<T> load(uint64_t ptr) const {
    if (!in_bounds(ptr, sizeof(T))) return std::nullopt;
    T value;
    std::memcpy(&value, base_ + ptr, sizeof(T));
    return value;
  }

  template <class T>
  bool store(uint64_t ptr, T value) const {
    if (!in_bounds(ptr, sizeof(T))) return false;
    std::memcpy(base_ + ptr, &value, sizeof(T));
    return true;
  }

  // Unchecked store into a window already validated with bytes().
  template <class T>
  static void put(std::span<uint8_t> window, size_t offset, T value) {
    std::memcpy(window.data() + offset, &value, sizeof(T));
  }

 private:
  uint8_t* base_ = nullptr;
  uint64_t size_ = 0;
};

static_assert(std::endian::native == std::endian::little,
              "guest memory access assumes a little-endian host");

}  // namespace wasishim
