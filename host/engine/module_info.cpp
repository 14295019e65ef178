#include "engine/module_info.h"

#include <algorithm>
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
  std::optional<uint64_t> u64() {
    uint64_t result = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      if (pos_ >= data_.size()) return std::nullopt;
      uint8_t b = data_[pos_++];
      result |= static_cast<uint64_t>(b & 0x7f) << shift;
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

char type_letter(uint8_t code) {
  switch (code) {
    case 0x7f: return 'i';
    case 0x7e: return 'I';
    case 0x7d: return 'f';
    case 0x7c: return 'F';
    default: return '?';
  }
}

const char* kind_name(uint8_t kind) {
  switch (kind) {
    case 0: return "func";
    case 1: return "table";
    case 2: return "memory";
    case 3: return "global";
    case 4: return "tag";
    default: return nullptr;
  }
}

struct FuncType {
  std::string params, results;
};

// Reads one section's body; each returns false on a malformed one.
class LayoutReader {
 public:
  LayoutReader(ModuleLayout* out, std::string* error) : out_(out), error_(error) {}

  bool fail(const std::string& why) {
    *error_ = why;
    return false;
  }

  bool types(Reader r) {
    auto count = r.u32();
    if (!count) return fail("truncated type section");
    for (uint32_t i = 0; i < *count; ++i) {
      auto form = r.byte();
      if (!form || *form != 0x60) return fail("type " + std::to_string(i) + " is not a function type");
      FuncType t;
      if (!value_types(r, &t.params) || !value_types(r, &t.results)) return fail("truncated type section");
      types_.push_back(std::move(t));
    }
    return true;
  }

  bool imports(Reader r) {
    auto count = r.u32();
    if (!count) return fail("truncated import section");
    for (uint32_t i = 0; i < *count; ++i) {
      auto module = r.name();
      auto name = module ? r.name() : std::nullopt;
      auto kind = name ? r.byte() : std::nullopt;
      if (!kind || !kind_name(*kind)) return fail("malformed import " + std::to_string(i));
      ModuleLayout::Import imp{*module, *name, kind_name(*kind), "", ""};
      bool ok = true;
      switch (*kind) {
        case 0: {  // function: its type index
          auto t = r.u32();
          ok = t && *t < types_.size();
          if (ok) {
            imp.params = types_[*t].params;
            imp.results = types_[*t].results;
            func_types_.push_back(*t);
            out_->imported_functions++;
          }
          break;
        }
        case 1: ok = r.byte() && limits(r); break;  // table: element type, limits
        case 2: ok = limits(r); break;              // memory
        case 3: ok = r.byte() && r.byte(); break;   // global: type, mutability
        case 4:  // tag: attribute, type index
          ok = r.byte() && r.u32();
          out_->uses_exceptions = true;
          break;
      }
      if (!ok) return fail("malformed import " + imp.module + "::" + imp.name);
      out_->imports.push_back(std::move(imp));
    }
    return true;
  }

  bool functions(Reader r) {
    auto count = r.u32();
    if (!count) return fail("truncated function section");
    for (uint32_t i = 0; i < *count; ++i) {
      auto t = r.u32();
      if (!t || *t >= types_.size()) return fail("function " + std::to_string(i) + " has no valid type");
      func_types_.push_back(*t);
    }
    out_->defined_functions = *count;
    return true;
  }

  bool exports(Reader r) {
    auto count = r.u32();
    if (!count) return fail("truncated export section");
    for (uint32_t i = 0; i < *count; ++i) {
      auto name = r.name();
      auto kind = name ? r.byte() : std::nullopt;
      auto index = kind ? r.u32() : std::nullopt;
      if (!index || !kind_name(*kind)) return fail("malformed export " + std::to_string(i));
      ModuleLayout::Export e{*name, kind_name(*kind), "", "", *index};
      if (*kind == 0) {
        if (*index >= func_types_.size()) return fail("export '" + *name + "' names no function");
        e.params = types_[func_types_[*index]].params;
        e.results = types_[func_types_[*index]].results;
      }
      out_->exports.push_back(std::move(e));
    }
    return true;
  }

 private:
  static bool value_types(Reader& r, std::string* out) {
    auto n = r.u32();
    if (!n) return false;
    for (uint32_t i = 0; i < *n; ++i) {
      auto t = r.byte();
      if (!t) return false;
      *out += type_letter(*t);
    }
    return true;
  }

  // flags (bit 0: has a maximum, bit 2: 64-bit), minimum, maximum
  static bool limits(Reader& r) {
    auto flags = r.u32();
    if (!flags) return false;
    auto number = [&]() { return (*flags & 4) ? r.u64().has_value() : r.u32().has_value(); };
    if (!number()) return false;
    return !(*flags & 1) || number();
  }

  ModuleLayout* out_;
  std::string* error_;
  std::vector<FuncType> types_;
  std::vector<uint32_t> func_types_;  // function index -> type index
};

}  // namespace

bool read_layout(std::span<const uint8_t> wasm, ModuleLayout* out, std::string* error) {
  *out = ModuleLayout{};
  static constexpr uint8_t kHeader[8] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
  if (wasm.size() < 8 || !std::equal(kHeader, kHeader + 8, wasm.begin())) {
    *error = "unsupported binary version or no wasm header";
    return false;
  }
  LayoutReader layout(out, error);
  Reader r(wasm.subspan(8));
  while (!r.done()) {
    size_t at = 8 + r.pos();
    auto id = r.byte();
    auto size = id ? r.u32() : std::nullopt;
    auto body = size ? r.take(*size) : std::nullopt;
    if (!body) {
      *error = "section at offset " + std::to_string(at) + " runs past the end of the module";
      return false;
    }
    bool ok = true;
    switch (*id) {
      case 1: ok = layout.types(Reader(*body)); break;
      case 2: ok = layout.imports(Reader(*body)); break;
      case 3: ok = layout.functions(Reader(*body)); break;
      case 7: ok = layout.exports(Reader(*body)); break;
      case 13: out->uses_exceptions = true; break;  // tag section
      default: break;
    }
    if (!ok) return false;
  }
  return true;
}

namespace {

// The code section's body of defined function `defined_index`.
std::optional<std::span<const uint8_t>> function_body(std::span<const uint8_t> wasm, uint32_t defined_index) {
  Reader r(wasm.subspan(8));
  while (!r.done()) {
    auto id = r.byte();
    auto size = id ? r.u32() : std::nullopt;
    auto section = size ? r.take(*size) : std::nullopt;
    if (!section) return std::nullopt;
    if (*id != 10) continue;
    Reader code(*section);
    auto count = code.u32();
    if (!count || defined_index >= *count) return std::nullopt;
    for (uint32_t i = 0;; ++i) {
      auto body_size = code.u32();
      auto body = body_size ? code.take(*body_size) : std::nullopt;
      if (!body) return std::nullopt;
      if (i == defined_index) return body;
    }
  }
  return std::nullopt;
}

}  // namespace

bool is_command_export_wrapper(std::span<const uint8_t> wasm, const ModuleLayout& layout,
                               std::string_view export_name) {
  auto e = std::find_if(layout.exports.begin(), layout.exports.end(),
                        [&](const ModuleLayout::Export& x) { return x.kind == "func" && x.name == export_name; });
  if (e == layout.exports.end() || e->index < layout.imported_functions || wasm.size() < 8) return false;
  auto body = function_body(wasm, e->index - layout.imported_functions);
  if (!body) return false;
  // No locals; call; the parameters in order (local.get 0, 1, ...); call; call; end.
  Reader r(*body);
  auto locals = r.u32();
  if (!locals || *locals != 0) return false;
  auto call = [&]() -> std::optional<uint32_t> {
    auto op = r.byte();
    if (!op || *op != 0x10) return std::nullopt;
    return r.u32();
  };
  auto ctors = call();
  if (!ctors) return false;
  for (uint32_t i = 0; i < e->params.size(); ++i) {
    auto op = r.byte();
    auto local = op && *op == 0x20 ? r.u32() : std::nullopt;
    if (!local || *local != i) return false;
  }
  auto wrapped = call();
  auto dtors = wrapped ? call() : std::nullopt;
  auto end = dtors ? r.byte() : std::nullopt;
  return end && *end == 0x0b && r.done() && *ctors != *wrapped && *wrapped != *dtors;
}

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
