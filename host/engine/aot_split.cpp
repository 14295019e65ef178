// Splitting wasm2c output into translation units (aot_split.h). Line-based:
// wasm2c writes each top-level item starting in column 0 and indents
// everything inside a function body.
#include "engine/aot_split.h"

#include <cctype>
#include <unordered_set>

namespace wasishim::aot {
namespace {

constexpr std::string_view kSetupMarker = "\nstatic bool s_module_initialized";

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(pos, end - pos));  // with its newline
    pos = end;
  }
  return lines;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Without the newline and any trailing blanks (wasm2c leaves one after the
// comma where it wraps a parameter list).
std::string_view trim_newline(std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
  return line;
}

// "static <type> w2c_NAME(<params>)" + suffix: the symbol, or empty.
std::string_view function_symbol(std::string_view line, std::string_view suffix) {
  line = trim_newline(line);
  if (!starts_with(line, "static ") || line.size() < suffix.size() ||
      line.substr(line.size() - suffix.size()) != suffix) {
    return {};
  }
  size_t paren = line.find('(');
  if (paren == std::string_view::npos) return {};
  size_t start = line.rfind(' ', paren);
  if (start == std::string_view::npos) return {};
  std::string_view name = line.substr(start + 1, paren - start - 1);
  while (!name.empty() && name.front() == '*') name.remove_prefix(1);
  if (!starts_with(name, "w2c_")) return {};
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return {};
  }
  return name;
}

std::string_view declared_symbol(std::string_view line) { return function_symbol(line, ");"); }
// A definition's first line; wasm2c wraps long parameter lists, so it ends
// either the header (") {") or a parameter (",").
std::string_view defined_symbol(std::string_view line) {
  std::string_view name = function_symbol(line, ") {");
  return name.empty() ? function_symbol(line, ",") : name;
}

// "static <word> <name>[N];" or "static <word> <name>;": a shared variable
// (the type table, a tag). Returns it without "static ".
std::string_view shared_variable(std::string_view line) {
  line = trim_newline(line);
  if (!starts_with(line, "static ") || line.back() != ';' || line.find('=') != std::string_view::npos ||
      line.find('(') != std::string_view::npos) {
    return {};
  }
  std::string_view rest = line.substr(7);
  size_t space = rest.find(' ');
  if (space == std::string_view::npos || rest.find(' ', space + 1) != std::string_view::npos) return {};
  return rest;
}

}  // namespace

std::vector<std::string> declared_functions(std::string_view c) {
  std::vector<std::string> out;
  size_t setup = c.find(kSetupMarker);
  if (setup == std::string_view::npos) return out;
  for (std::string_view line : lines_of(c.substr(setup + 1))) {
    if (auto name = declared_symbol(line); !name.empty()) out.emplace_back(name);
    if (!defined_symbol(line).empty()) break;  // the definitions start
  }
  return out;
}

std::optional<SplitSource> split_wasm2c_output(std::string_view c, size_t parts) {
  size_t setup = c.find(kSetupMarker);
  if (setup == std::string_view::npos || parts == 0) return std::nullopt;
  SplitSource out;
  out.preamble = std::string(c.substr(0, setup + 1));
  auto lines = lines_of(c.substr(setup + 1));

  // Set-up: up to the first definition.
  size_t i = 0;
  std::string setup_text;
  for (; i < lines.size() && defined_symbol(lines[i]).empty(); ++i) {
    std::string_view line = lines[i];
    if (auto name = declared_symbol(line); !name.empty()) {
      out.function_symbols.emplace_back(name);
      std::string decl(line.substr(7));  // without "static "
      out.shared += decl;
      setup_text += decl;
    } else if (auto var = shared_variable(line); !var.empty()) {
      out.shared += "extern " + std::string(var) + "\n";
      setup_text += std::string(var) + "\n";
    } else {
      setup_text += line;
    }
  }
  if (i == lines.size() || out.function_symbols.empty()) return std::nullopt;

  // Definitions: each from its header to the first "}" line in column 0.
  struct Def {
    size_t first, last;  // line range, inclusive
  };
  std::vector<Def> defs;
  std::unordered_set<std::string_view> defined;
  while (i < lines.size()) {
    std::string_view name = defined_symbol(lines[i]);
    if (name.empty()) {
      if (trim_newline(lines[i]).empty()) {
        ++i;
        continue;
      }
      break;  // the tail
    }
    size_t body = i;
    while (body < lines.size() && !trim_newline(lines[body]).ends_with(") {")) ++body;
    size_t end = body + 1;
    while (end < lines.size() && trim_newline(lines[end]) != "}") {
      std::string_view l = lines[end];
      // Inside a body everything is indented; anything else means the
      // shape is not what this code knows.
      if (!l.empty() && l[0] != ' ' && l[0] != '\n' && l[0] != '\r') return std::nullopt;
      ++end;
    }
    if (end == lines.size()) return std::nullopt;
    defs.push_back({i, end});
    defined.insert(name);
    i = end + 1;
  }
  // Every declared function must be defined here, and nothing else.
  if (defined.size() != out.function_symbols.size()) return std::nullopt;
  for (const auto& s : out.function_symbols) {
    if (!defined.count(s)) return std::nullopt;
  }

  std::string tail;
  for (; i < lines.size(); ++i) tail += lines[i];
  out.main = setup_text + tail;

  // Contiguous runs of about equal size: neighbouring functions call each
  // other more often than distant ones, which keeps inlining within a unit.
  size_t total = 0;
  for (const Def& d : defs) {
    for (size_t k = d.first; k <= d.last; ++k) total += lines[k].size();
  }
  const size_t n = std::min(parts, defs.size());
  const size_t target = total / n + 1;
  std::string current;
  for (size_t d = 0; d < defs.size(); ++d) {
    std::string_view header = lines[defs[d].first];
    current += header.substr(7);  // without "static "
    for (size_t k = defs[d].first + 1; k <= defs[d].last; ++k) current += lines[k];
    current += "\n";
    const size_t parts_after = n - out.parts.size() - 1;  // still to fill after this one
    const size_t defs_after = defs.size() - d - 1;
    if (parts_after > 0 && (current.size() >= target || defs_after == parts_after)) {
      out.parts.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) out.parts.push_back(std::move(current));
  return out;
}

}  // namespace wasishim::aot
