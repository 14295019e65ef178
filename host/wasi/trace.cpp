#include "wasi/trace.h"

#include <array>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <optional>
#include <vector>

#include "wasi/types.h"
#include "wasishim/wasi_functions.h"

namespace wasishim {

namespace {

// How each function's parameters are shown, from the one list of the
// functions (wasishim/wasi_functions.h explains the descriptor's letters).
struct Signature {
  std::string_view function;
  std::string_view descriptor;
};

#define WASISHIM_SIGNATURE(name, group, returns, params, trace) Signature{#name, trace},
constexpr std::array kSignatures = {WASISHIM_WASI_FUNCTIONS(WASISHIM_SIGNATURE)};
#undef WASISHIM_SIGNATURE

struct Param {
  std::string_view name;
  char format;  // a descriptor letter
  bool is_result() const { return format == 'r' || (format >= '1' && format <= '8'); }
};

std::vector<Param> parse(std::string_view descriptor) {
  std::vector<Param> out;
  while (!descriptor.empty()) {
    const size_t comma = descriptor.find(',');
    const std::string_view item = descriptor.substr(0, comma);
    const size_t colon = item.find(':');
    out.push_back({item.substr(0, colon), item[colon + 1]});
    if (comma == std::string_view::npos) break;
    descriptor.remove_prefix(comma + 1);
  }
  return out;
}

// Each function's parameters, parsed once for the process; an unknown
// function has none.
const std::vector<Param>& params_of(std::string_view function) {
  static const auto parsed = [] {
    std::array<std::vector<Param>, kSignatures.size()> all;
    for (size_t i = 0; i < kSignatures.size(); ++i) all[i] = parse(kSignatures[i].descriptor);
    return all;
  }();
  static const std::vector<Param> none;
  for (size_t i = 0; i < kSignatures.size(); ++i) {
    if (kSignatures[i].function == function) return parsed[i];
  }
  return none;
}

// Guest bytes as a C string literal, at most `limit` of them.
std::string quoted(const GuestMemory& mem, uint64_t ptr, uint64_t len, size_t limit = 64) {
  auto bytes = mem.bytes(ptr, len);
  if (!bytes) return "<out of bounds>";
  std::string out = "\"";
  size_t n = 0;
  for (uint8_t c : *bytes) {
    if (n++ == limit) {
      out += "\"...";
      return out;
    }
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      default:
        if (c >= 0x20 && c < 0x7f) {
          out += static_cast<char>(c);
        } else {
          char esc[5];
          std::snprintf(esc, sizeof esc, "\\x%02x", c);
          out += esc;
        }
    }
  }
  return out + "\"";
}

// The first iovec's data, for calls that send or fill bytes.
std::string first_iov(const GuestMemory& mem, uint64_t iovs, uint64_t count) {
  if (count == 0) return "[]";
  auto buf = mem.load<uint32_t>(iovs);
  auto len = mem.load<uint32_t>(iovs + 4);
  if (!buf || !len) return "[<out of bounds>]";
  std::string out = "[";
  out += quoted(mem, *buf, *len);
  out += count > 1 ? ", ...]" : "]";
  return out;
}

std::string number(const Param& p, uint64_t v) {
  char buf[32];
  if (p.format == 'd') {
    std::snprintf(buf, sizeof buf, "%" PRIu64, v);
  } else {
    std::snprintf(buf, sizeof buf, "0x%" PRIx64, v);
  }
  return buf;
}

}  // namespace

std::string trace_call_text(std::string_view function, const GuestMemory& mem, const uint64_t* args) {
  const auto& params = params_of(function);
  std::string out = "[wasi] " + std::string(function) + "(";
  for (size_t i = 0; i < params.size(); ++i) {
    const Param& p = params[i];
    if (i) out += ", ";
    out += std::string(p.name) + "=" + number(p, args[i]);
    if (p.format == 's' || p.format == 'I') {
      out += ' ';
      out += p.format == 's' ? quoted(mem, args[i], args[i + 1], 256) : first_iov(mem, args[i], args[i + 1]);
    }
  }
  return out + ")";
}

std::string trace_result_text(std::string_view function, const GuestMemory& mem, const uint64_t* args,
                              std::optional<uint32_t> r, std::string_view note) {
  if (!r) return function == "proc_exit" ? " = (exit)" : " = (guest stopped)";
  std::string out = " = ";
  out += wasi::errno_name(static_cast<wasi::Errno>(*r));
  if (!note.empty()) {
    out += " (";
    out += note;
    out += ')';
  }
  if (*r != 0) return out;
  const auto& params = params_of(function);
  // The results the call stored, then the data it filled: as many bytes as
  // its first result counts, or the whole buffer when it counts none.
  std::string outputs;
  std::optional<uint64_t> count;
  for (size_t i = 0; i < params.size(); ++i) {
    const Param& p = params[i];
    if (!p.is_result() || p.format == 'r') continue;
    std::optional<uint64_t> value;
    switch (p.format) {
      case '1': if (auto v = mem.load<uint8_t>(args[i])) value = *v; break;
      case '2': if (auto v = mem.load<uint16_t>(args[i])) value = *v; break;
      case '4': if (auto v = mem.load<uint32_t>(args[i])) value = *v; break;
      default: value = mem.load<uint64_t>(args[i]); break;
    }
    if (!value) continue;
    if (!count) count = value;
    if (!outputs.empty()) outputs += ", ";
    outputs += std::string(p.name) + "=" + std::to_string(*value);
  }
  auto add_data = [&](const std::string& text) {
    if (!outputs.empty()) outputs += ' ';
    outputs += text;
  };
  for (size_t i = 0; i < params.size(); ++i) {
    const Param& p = params[i];
    if (p.format == 'O' && count && *count > 0) add_data(first_iov(mem, args[i], args[i + 1]));
    if (p.format == 't') add_data(quoted(mem, args[i], count ? *count : args[i + 1], 256));
  }
  if (!outputs.empty()) out += " [" + outputs + "]";
  return out;
}

}  // namespace wasishim
