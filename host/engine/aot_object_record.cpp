// The record of a compiled object (aot_object_record.h): appended when the
// object is sealed, read and checked against the object's bytes before it is
// loaded.
#include "engine/aot_object_record.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string_view>

#include "engine/aot_sha256.h"
#include "wasishim/aot.h"

namespace wasishim::aot {
namespace {

constexpr char kTrailerMagic[8] = {'W', 'S', 'A', 'O', 'T', 'R', 'E', 'C'};
constexpr const char* kRecordHeader = "wasishim-aot-record 1\n";
constexpr size_t kTrailerSize = 16;  // record length (8, little-endian) + magic (8)

void write_all(int fd, const void* data, size_t size, const std::string& what) {
  auto p = static_cast<const char*>(data);
  while (size > 0) {
    ssize_t n = ::write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw AotError("cannot write '" + what + "': " + std::strerror(errno));
    p += n, size -= static_cast<size_t>(n);
  }
}

std::string record_text(const ObjectRecord& r) {
  char times[96];
  std::snprintf(times, sizeof times, "compile-seconds %.3f\ncompile-cpu-seconds %.3f\n", r.compile_seconds,
                r.compile_cpu_seconds);
  return std::string(kRecordHeader) + "key " + r.key + "\ntier " + r.tier + "\nelf-size " +
         std::to_string(r.elf_size) + "\nelf-sha256 " + r.elf_sha256 + "\n" + times;
}

bool parse_record(std::string_view text, ObjectRecord* r) {
  if (text.substr(0, std::strlen(kRecordHeader)) != kRecordHeader) return false;
  std::istringstream in{std::string(text.substr(std::strlen(kRecordHeader)))};
  std::string field, value;
  bool have_size = false;
  while (in >> field >> value) {
    if (field == "key") r->key = value;
    else if (field == "tier") r->tier = value;
    else if (field == "elf-sha256") r->elf_sha256 = value;
    else if (field == "compile-seconds") r->compile_seconds = std::strtod(value.c_str(), nullptr);
    else if (field == "compile-cpu-seconds") r->compile_cpu_seconds = std::strtod(value.c_str(), nullptr);
    else if (field == "elf-size") {
      char* end = nullptr;
      r->elf_size = std::strtoull(value.c_str(), &end, 10);
      have_size = end && *end == '\0';
    }
  }
  return have_size && !r->key.empty() && r->elf_sha256.size() == 64;
}

bool proc_fd_usable() {
  static const bool usable = ::access("/proc/self/fd", X_OK) == 0;
  return usable;
}

}  // namespace

void seal_object(const std::string& path, ObjectRecord r) {
  int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) throw AotError("cannot open '" + path + "': " + std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw AotError("cannot stat '" + path + "': " + std::strerror(errno));
  r.elf_size = static_cast<uint64_t>(st.st_size);
  Sha256 h;
  if (st.st_size > 0) {
    void* map = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED) throw AotError("cannot read '" + path + "': " + std::strerror(errno));
    h.update(map, static_cast<size_t>(st.st_size));
    ::munmap(map, static_cast<size_t>(st.st_size));
  }
  r.elf_sha256 = h.hex_digest();
  std::string text = record_text(r);
  uint8_t trailer[kTrailerSize];
  uint64_t len = text.size();
  for (int i = 0; i < 8; ++i) trailer[i] = static_cast<uint8_t>(len >> (8 * i));
  std::memcpy(trailer + 8, kTrailerMagic, 8);
  if (::lseek(fd, 0, SEEK_END) < 0) {
    throw AotError("cannot seek '" + path + "': " + std::strerror(errno));
  }
  write_all(fd, text.data(), text.size(), path);
  write_all(fd, trailer, sizeof trailer, path);
  // Read-only from now on: nothing rewrites an object in place.
  ::fchmod(fd, 0400);
}

VerifiedObject::VerifiedObject(VerifiedObject&& o) noexcept
    : fd(o.fd), path(std::move(o.path)), record(std::move(o.record)) {
  o.fd = -1;
}
VerifiedObject& VerifiedObject::operator=(VerifiedObject&& o) noexcept {
  if (this != &o) {
    if (fd >= 0) ::close(fd);
    fd = o.fd, path = std::move(o.path), record = std::move(o.record);
    o.fd = -1;
  }
  return *this;
}
VerifiedObject::~VerifiedObject() {
  if (fd >= 0) ::close(fd);
}

std::string VerifiedObject::load_path() const {
  if (fd >= 0 && proc_fd_usable()) return "/proc/self/fd/" + std::to_string(fd);
  return path.find('/') == std::string::npos ? "./" + path : path;
}

std::optional<VerifiedObject> open_verified(int dir_fd, const std::string& path, std::string* error) {
  const bool in_cache = dir_fd >= 0 && !path.empty() && path[0] != '/';
  int fd = in_cache ? ::openat(dir_fd, path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
                    : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = errno == ENOENT ? "no such file" : std::strerror(errno);
    return std::nullopt;
  }
  VerifiedObject v;
  v.fd = fd;
  v.path = path;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    *error = "not a regular file";
    return std::nullopt;
  }
  if (in_cache && (st.st_uid != ::geteuid() || (st.st_mode & 022))) {
    *error = "not owned by this user, or writable by others";
    return std::nullopt;
  }
  const auto size = static_cast<uint64_t>(st.st_size);
  if (size < kTrailerSize) {
    *error = "too short to be a compiled object";
    return std::nullopt;
  }
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (map == MAP_FAILED) {
    *error = std::strerror(errno);
    return std::nullopt;
  }
  struct Unmap {
    void* p;
    uint64_t n;
    ~Unmap() { ::munmap(p, n); }
  } unmap{map, size};
  auto bytes = static_cast<const uint8_t*>(map);
  const uint8_t* trailer = bytes + size - kTrailerSize;
  if (std::memcmp(trailer + 8, kTrailerMagic, 8) != 0) {
    *error = "no wasishim record (not an object compiled by this version of wasishim)";
    return std::nullopt;
  }
  uint64_t len = 0;
  for (int i = 0; i < 8; ++i) len |= static_cast<uint64_t>(trailer[i]) << (8 * i);
  if (len > size - kTrailerSize ||
      !parse_record(std::string_view(reinterpret_cast<const char*>(trailer) - len, len), &v.record) ||
      v.record.elf_size != size - kTrailerSize - len) {
    *error = "its record is damaged";
    return std::nullopt;
  }
  Sha256 h;
  h.update(bytes, v.record.elf_size);
  if (h.hex_digest() != v.record.elf_sha256) {
    *error = "its contents do not match the hash recorded when it was compiled";
    return std::nullopt;
  }
  return v;
}

bool has_object_record(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char magic[8] = {};
  struct stat st {};
  bool ok = ::fstat(fd, &st) == 0 && st.st_size >= static_cast<off_t>(kTrailerSize) &&
            ::pread(fd, magic, 8, st.st_size - 8) == 8 && std::memcmp(magic, kTrailerMagic, 8) == 0;
  ::close(fd);
  return ok;
}

}  // namespace wasishim::aot
