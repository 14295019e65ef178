#include "engine/module_info.h"

#include <optional>
#include <string_view>

namespace wasishim {

namespace {

class Reader {
 public:
  explicit Reader(std::span<const uint8_t> data) : data_(data) {}
  bool done() const { return pos_ >= data_.size(); }
  size_t pos() const { return pos_; }

  std::optional<uint32_t> u32() {
    uint32_t result = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (pos_ >= data_.size()) return std::nullopt;
      uint8_t b = data_[pos_++];
      result |= static_cast<uint32_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return result;
    }
    return std::nullopt;
  }
  std::optional<uint8_t> byte() {
    if (pos_ >= data_.size()) return std::nullopt;
    return data_[pos_++];
  }
  std::optional<std::span<const uint8_t>> take(uint32_t n) {
    if (n > data_.size() - pos_) return std::nullopt;
    auto s = data_.subspan(pos_, n);
    pos_ += n;
    return s;
  }
  std::optional<std::string> name() {
    auto len = u32();
    if (!len) return std::nullopt;
    auto bytes = take(*len);
    if (!bytes) return std::nullopt;
    return std::string(bytes->begin(), bytes->end());
  }

 private:
  std::span<const uint8_t> data_;
  size_t pos_ = 0;
};

}  // namespace

std::unordered_map<uint32_t, std::string> read_function_names(std::span<const uint8_t> wasm) {
  std::unordered_map<uint32_t, std::string> names;
  if (wasm.size() < 8) return names;
  Reader r(wasm.subspan(8));
  while (!r.done()) {
    auto id = r.byte();
    auto size = r.u32();
    if (!id || !size) return names;
    auto body = r.take(*size);
    if (!body) return names;
    if (*id != 0) continue;
    Reader section(*body);
    auto section_name = section.name();
    if (!section_name || *section_name != "name") continue;
    while (!section.done()) {
      auto sub_id = section.byte();
      auto sub_size = section.u32();
      if (!sub_id || !sub_size) return names;
      auto sub = section.take(*sub_size);
      if (!sub) return names;
      if (*sub_id != 1) continue;  // 1: function names
      Reader fr(*sub);
      auto count = fr.u32();
      for (uint32_t i = 0; count && i < *count; ++i) {
        auto index = fr.u32();
        auto fname = fr.name();
        if (!index || !fname) return names;
        names.emplace(*index, std::move(*fname));
      }
    }
  }
  return names;
}

}  // namespace wasishim
