// Fuzz entry for the shim's path normalisation. The input is split at the
// first NUL into a base (made absolute) and a path; the result must be an
// absolute path with no empty, "." or ".." component and no trailing slash,
// must normalise to itself, and must agree with normalising base + "/" + path
// from "/". Built as a libFuzzer target, or (WASISHIM_FUZZ_DRIVER) with a main
// that feeds it pseudo-random paths.
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <string>

#include "path_normalize.h"

using wasishim::shim::normalize_path;

namespace {

void check(bool cond, const char* what, const std::string& base, const std::string& path) {
  if (cond) return;
  fprintf(stderr, "fuzz_normalize: %s for base \"%s\" path \"%s\"\n", what, base.c_str(),
          path.c_str());
  abort();
}

bool clean(const char* p) {
  if (p[0] != '/') return false;
  if (p[1] == '\0') return true;
  for (const char* c = p; *c; ++c) {
    if (*c != '/') continue;
    const char* n = c + 1;
    if (*n == '/' || *n == '\0') return false;
    if (n[0] == '.' && (n[1] == '/' || n[1] == '\0')) return false;
    if (n[0] == '.' && n[1] == '.' && (n[2] == '/' || n[2] == '\0')) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const size_t split = input.find('\0');
  std::string base = "/" + input.substr(0, split == std::string::npos ? 0 : split);
  std::string path = split == std::string::npos ? input : input.substr(split + 1);
  path = path.substr(0, path.find('\0'));

  char norm_base[512], out[512], again[512], joined_out[512];
  if (!normalize_path("/", base.c_str(), norm_base, sizeof norm_base)) return 0;
  auto r = normalize_path(norm_base, path.c_str(), out, sizeof out);
  if (path.empty()) {
    check(!r.ok(), "empty path accepted", base, path);
    return 0;
  }
  if (!r) return 0;  // too long
  check(clean(out), "result not normalised", base, path);
  check(r->length == strlen(out), "length wrong", base, path);
  auto r2 = normalize_path("/", out, again, sizeof again);
  check(r2.ok() && strcmp(out, again) == 0, "not idempotent", base, path);
  const std::string joined = path[0] == '/' ? path : std::string(norm_base) + "/" + path;
  auto r3 = normalize_path("/", joined.c_str(), joined_out, sizeof joined_out);
  check(r3.ok() && strcmp(out, joined_out) == 0, "join disagrees", base, path);
  const bool slash_end = path.back() == '/';
  check(!slash_end || r->must_be_dir, "trailing slash lost", base, path);
  return 0;
}

#ifdef WASISHIM_FUZZ_DRIVER
int main(int argc, char** argv) {
  const long iterations = argc > 1 ? atol(argv[1]) : 100000;
  static const char* const pieces[] = {"a", "b", "..", ".", "", "...", "long-name", "/", "//"};
  uint64_t state = 0x9e3779b97f4a7c15u;
  auto next = [&state]() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  for (long i = 0; i < iterations; ++i) {
    std::string input;
    const int parts = static_cast<int>(next() % 12);
    for (int p = 0; p < parts; ++p) {
      input += pieces[next() % (sizeof pieces / sizeof *pieces)];
      if (next() % 3) input += "/";
      if (next() % 17 == 0) input += '\0';
    }
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
  }
  printf("fuzz_normalize: %ld inputs ok\n", iterations);
  return 0;
}
#endif
