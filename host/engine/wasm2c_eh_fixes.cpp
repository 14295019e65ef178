#include "engine/wasm2c_eh_fixes.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace wasishim::aot {

namespace {

bool is_name_char(char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'; }

// The C name wasm2c gave the try block whose closing brace ends just before
// `pos`: the block opens with "{" and "WASM_RT_UNWIND_TARGET *<name>_outer_target".
std::string try_block_name(const std::string& c, size_t pos) {
  size_t close = c.find_last_not_of(" \n", pos == 0 ? 0 : pos - 1);
  if (close == std::string::npos || c[close] != '}') return "";
  int depth = 0;
  for (size_t i = close; i-- > 0;) {
    if (c[i] == '}') {
      ++depth;
    } else if (c[i] == '{') {
      if (depth-- > 0) continue;
      constexpr std::string_view kTarget = "WASM_RT_UNWIND_TARGET *";
      size_t decl = c.find_first_not_of(" \n", i + 1);
      if (decl == std::string::npos || c.compare(decl, kTarget.size(), kTarget) != 0) return "";
      size_t name = decl + kTarget.size(), end = name;
      while (end < c.size() && is_name_char(c[end])) ++end;
      constexpr std::string_view kSuffix = "_outer_target";
      std::string_view id(c.data() + name, end - name);
      if (id.size() <= kSuffix.size() || id.substr(id.size() - kSuffix.size()) != kSuffix) return "";
      return std::string(id.substr(0, id.size() - kSuffix.size()));
    }
  }
  return "";
}

bool fix_try_labels(std::string& c) {
  bool changed = false;
  size_t pos = 0;
  while ((pos = c.find('$', pos)) != std::string::npos) {
    size_t end = pos + 1;
    while (end < c.size() && is_name_char(c[end])) ++end;
    const bool at_line_start = pos == 0 || c[pos - 1] == ' ' || c[pos - 1] == '\n';
    std::string name;
    if (end > pos + 1 && at_line_start && c.compare(end, 2, ":;") == 0) name = try_block_name(c, pos);
    if (!name.empty() && c.find("goto " + name + ";") != std::string::npos) {
      c.replace(pos, end - pos, name);
      end = pos + name.size();
      changed = true;
    }
    pos = end;
  }
  return changed;
}

// wasm2c writes a function as "<type> <name>(<params>) {" at the start of a
// line, its locals before "FUNC_PROLOGUE;", and "}" alone on the last line.
bool make_try_locals_volatile(std::string& c) {
  static constexpr std::string_view kTypes[] = {"u32 w2c_", "u64 w2c_", "f32 w2c_", "f64 w2c_"};
  bool changed = false;
  size_t line = 0;
  while (line < c.size()) {
    size_t eol = c.find('\n', line);
    if (eol == std::string::npos) break;
    const std::string_view text(c.data() + line, eol - line);
    const bool definition = !text.empty() && !std::isspace(static_cast<unsigned char>(text[0])) &&
                            text.back() == '{' && text.find('(') != std::string_view::npos &&
                            text.find(") {") == text.size() - 3;
    if (!definition) {
      line = eol + 1;
      continue;
    }
    size_t body_end = c.find("\n}\n", eol);
    if (body_end == std::string::npos) break;
    size_t prologue = c.find("FUNC_PROLOGUE;", line);
    if (prologue != std::string::npos && prologue < body_end &&
        c.find("wasm_rt_try(", line) < body_end) {
      // From the parameter list on: the return type stays as declared.
      for (size_t at = c.find('(', line); at < prologue;) {
        size_t best = std::string::npos;
        for (std::string_view t : kTypes) best = std::min(best, c.find(t, at));
        if (best >= prologue) break;
        const bool word_start = best == 0 || !is_name_char(c[best - 1]);
        if (word_start) {
          c.insert(best, "volatile ");
          prologue += 9;
          body_end += 9;
          at = best + 9 + 4;
          changed = true;
        } else {
          at = best + 4;
        }
      }
    }
    line = body_end + 3;
  }
  return changed;
}

}  // namespace

bool fix_wasm2c_exceptions(std::string& c) {
  if (c.find("wasm_rt_try(") == std::string::npos) return false;
  bool labels = fix_try_labels(c);
  bool locals = make_try_locals_volatile(c);
  return labels || locals;
}

}  // namespace wasishim::aot
