// The CLI's help texts, and how it answers a request for help or a command
// line it cannot use.
#pragma once

#include <string>
#include <string_view>

namespace wasishim::cli {

// `wasishim --help`, and each command's `--help`.
extern const char* const kUsage;
extern const char* const kRunUsage;
extern const char* const kCompileUsage;
extern const char* const kCacheUsage;
extern const char* const kCapsUsage;

bool is_help(std::string_view arg);

// Prints `text` on stdout and exits with status 0.
[[noreturn]] void print_help(const char* text);

// Reports a bad command line on stderr and exits with kHostError.
[[noreturn]] void usage_error(const std::string& message);

}  // namespace wasishim::cli
