// The record every compiled object carries after the shared object's own
// bytes: what it was compiled from and the SHA-256 of its machine code,
// checked before the object is loaded, whether it comes from the cache or
// from `wasishim compile`. See docs/aot.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace wasishim::aot {

// The record appended to every object file the engine writes, after the
// shared object's own bytes. dlopen reads only what the ELF headers describe,
// so the trailer does not disturb loading.
struct ObjectRecord {
  std::string key;    // "MODULEHASH-TOOLSHASH" the object was compiled for
  std::string tier;   // "quick" or "optimized"
  std::string elf_sha256;
  uint64_t elf_size = 0;
  double compile_seconds = 0;      // wall time of the compile that made it
  double compile_cpu_seconds = 0;  // CPU time of the tools it ran
};

// Appends the record to the shared object at `path` (hashing its bytes).
void seal_object(const std::string& path, ObjectRecord record);

// An object file opened and checked: its descriptor stays open so that what
// is loaded is what was checked (dlopen of /proc/self/fd/N).
struct VerifiedObject {
  int fd = -1;
  std::string path;  // as named by the caller, for messages
  ObjectRecord record;
  VerifiedObject() = default;
  VerifiedObject(VerifiedObject&&) noexcept;
  VerifiedObject& operator=(VerifiedObject&&) noexcept;
  ~VerifiedObject();
  // What to pass to dlopen.
  std::string load_path() const;
};

// Opens `path` (relative to `dir_fd` unless absolute or dir_fd < 0), reads its
// record and checks the hash of its bytes against it. Returns nothing with
// `*error` set when the file is missing, has no record, or does not match it.
std::optional<VerifiedObject> open_verified(int dir_fd, const std::string& path, std::string* error);

// Whether the file at `path` ends with an object record (a compiled object
// rather than a .wasm module).
bool has_object_record(const std::string& path);

}  // namespace wasishim::aot
