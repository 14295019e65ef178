// The AOT object cache (aot_cache.h). Every path inside the cache is resolved
// from the directory's descriptor, opened once and checked, so a rename of
// the directory after the check cannot redirect the engine.
#include "engine/aot_cache.h"

#include <dirent.h>
#include <fcntl.h>
#include <pwd.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <sstream>

#include "engine/aot_sha256.h"

namespace wasishim::aot {
namespace {

constexpr char kTrailerMagic[8] = {'W', 'S', 'A', 'O', 'T', 'R', 'E', 'C'};
constexpr const char* kRecordHeader = "wasishim-aot-record 1\n";
constexpr size_t kTrailerSize = 16;  // record length (8, little-endian) + magic (8)
constexpr const char* kObjectSuffix = ".aot";

std::string errno_text() { return std::strerror(errno); }

void write_all(int fd, const void* data, size_t size, const std::string& what) {
  auto p = static_cast<const char*>(data);
  while (size > 0) {
    ssize_t n = ::write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw AotError("cannot write '" + what + "': " + errno_text());
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

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Entries of a directory given by descriptor (which stays open).
template <class Fn>
void for_each_entry(int dir_fd, Fn fn) {
  int copy = ::dup(dir_fd);
  if (copy < 0) return;
  DIR* d = ::fdopendir(copy);
  if (!d) {
    ::close(copy);
    return;
  }
  ::rewinddir(d);
  while (dirent* e = ::readdir(d)) {
    std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    fn(std::string(name));
  }
  ::closedir(d);
}

// Removes a tree below dir_fd (work directories hold a compile's files).
uint64_t remove_tree_at(int dir_fd, const std::string& name) {
  struct stat st {};
  if (::fstatat(dir_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return 0;
  if (!S_ISDIR(st.st_mode)) {
    return ::unlinkat(dir_fd, name.c_str(), 0) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
  }
  uint64_t freed = 0;
  int sub = ::openat(dir_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (sub >= 0) {
    for_each_entry(sub, [&](const std::string& child) { freed += remove_tree_at(sub, child); });
    ::close(sub);
  }
  ::unlinkat(dir_fd, name.c_str(), AT_REMOVEDIR);
  return freed;
}

int subdir(int dir_fd, const char* name) {
  if (::mkdirat(dir_fd, name, 0700) != 0 && errno != EEXIST) return -1;
  return ::openat(dir_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

std::string identity_name(const FileIdentity& id) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%llx-%llx", static_cast<unsigned long long>(id.dev),
                static_cast<unsigned long long>(id.ino));
  return buf;
}

bool proc_fd_usable() {
  static const bool usable = ::access("/proc/self/fd", X_OK) == 0;
  return usable;
}

}  // namespace

void seal_object(const std::string& path, ObjectRecord r) {
  int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) throw AotError("cannot open '" + path + "': " + errno_text());
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw AotError("cannot stat '" + path + "': " + errno_text());
  r.elf_size = static_cast<uint64_t>(st.st_size);
  Sha256 h;
  if (st.st_size > 0) {
    void* map = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED) throw AotError("cannot read '" + path + "': " + errno_text());
    h.update(map, static_cast<size_t>(st.st_size));
    ::munmap(map, static_cast<size_t>(st.st_size));
  }
  r.elf_sha256 = h.hex_digest();
  std::string text = record_text(r);
  uint8_t trailer[kTrailerSize];
  uint64_t len = text.size();
  for (int i = 0; i < 8; ++i) trailer[i] = static_cast<uint8_t>(len >> (8 * i));
  std::memcpy(trailer + 8, kTrailerMagic, 8);
  if (::lseek(fd, 0, SEEK_END) < 0) throw AotError("cannot seek '" + path + "': " + errno_text());
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
    *error = errno == ENOENT ? "no such file" : errno_text();
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
    *error = errno_text();
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

std::string cache_dir_path(const AotOptions& options) {
  if (!options.cache_dir.empty()) return options.cache_dir;
  if (const char* d = std::getenv("WASISHIM_CACHE_DIR"); d && *d) return d;
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::string(x) + "/wasishim";
  if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.cache/wasishim";
  // No environment: the account's own home, never a shared directory whose
  // name another user could predict and create first.
  if (const passwd* pw = ::getpwuid(::geteuid()); pw && pw->pw_dir && pw->pw_dir[0] == '/') {
    return std::string(pw->pw_dir) + "/.cache/wasishim";
  }
  return "";
}

FileIdentity identity_of(const struct stat& st) {
  FileIdentity id;
  id.dev = st.st_dev;
  id.ino = st.st_ino;
  id.size = st.st_size;
  id.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  id.ctime_ns = static_cast<int64_t>(st.st_ctim.tv_sec) * 1000000000 + st.st_ctim.tv_nsec;
  return id;
}

Cache::Cache(std::string path) : path_(std::move(path)) {
  if (path_.empty()) throw AotError("no AOT cache directory: set WASISHIM_CACHE_DIR or HOME");
  while (path_.size() > 1 && path_.back() == '/') path_.pop_back();
  // Missing directories on the way are created private, as the last one is.
  for (size_t i = 1; i <= path_.size(); ++i) {
    if (i == path_.size() || path_[i] == '/') {
      std::string part = path_.substr(0, i);
      if (::mkdir(part.c_str(), 0700) != 0 && errno != EEXIST) {
        throw AotError("cannot create the AOT cache directory '" + part + "': " + errno_text());
      }
    }
  }
  fd_ = ::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd_ < 0) throw AotError("cannot open the AOT cache directory '" + path_ + "': " + errno_text());
  struct stat st {};
  std::string problem;
  if (::fstat(fd_, &st) != 0) {
    problem = errno_text();
  } else if (st.st_uid != ::geteuid()) {
    problem = "it is owned by uid " + std::to_string(st.st_uid) + ", not by this user (uid " +
              std::to_string(::geteuid()) + ")";
  } else if (st.st_mode & 022) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    problem = std::string("other users can write to it (mode ") + mode + ")";
  }
  if (!problem.empty()) {
    ::close(fd_);
    fd_ = -1;
    throw AotError("refusing the AOT cache directory '" + path_ + "': " + problem +
                   "; compiled objects there could be planted by someone else");
  }
}

Cache::~Cache() {
  if (fd_ >= 0) ::close(fd_);
}

std::optional<VerifiedObject> Cache::find(const std::string& key, std::string* why_not) {
  const std::string name = key + kObjectSuffix;
  std::string error;
  auto v = open_verified(fd_, name, &error);
  if (v && v->record.key != key) {
    error = "it was compiled for another module or toolchain";
    v.reset();
  }
  if (!v) {
    if (error != "no such file") ::unlinkat(fd_, name.c_str(), 0);  // useless: compile it again
    if (why_not) *why_not = error;
    return std::nullopt;
  }
  // Least recently used eviction goes by the modification time: an object is
  // never modified once written, and reading it (as `cache ls` does) moves
  // its access time under relatime mounts.
  const struct timespec times[2] = {{0, UTIME_OMIT}, {0, UTIME_NOW}};
  ::futimens(v->fd, times);
  return v;
}

void Cache::store(const std::string& built, const std::string& key, uint64_t limit) {
  const std::string name = key + kObjectSuffix;
  const struct timespec times[2] = {{0, UTIME_OMIT}, {0, UTIME_NOW}};
  ::utimensat(AT_FDCWD, built.c_str(), times, 0);
  if (::renameat(AT_FDCWD, built.c_str(), fd_, name.c_str()) != 0) {
    throw AotError("cannot store the compiled object in '" + path_ + "': " + errno_text());
  }
  evict(limit);
}

void Cache::remove(const std::string& key) { ::unlinkat(fd_, (key + kObjectSuffix).c_str(), 0); }

std::string Cache::make_work_dir() {
  if (::mkdirat(fd_, "work", 0700) != 0 && errno != EEXIST) {
    throw AotError("cannot create a work directory in '" + path_ + "': " + errno_text());
  }
  std::string dir = path_ + "/work/XXXXXX";
  if (!::mkdtemp(dir.data())) {
    throw AotError("cannot create a work directory in '" + path_ + "': " + errno_text());
  }
  return dir;
}

int Cache::lock(const std::string& key, bool wait) {
  int locks = subdir(fd_, "locks");
  if (locks < 0) throw AotError("cannot create '" + path_ + "/locks': " + errno_text());
  const std::string name = key + ".lock";
  for (;;) {
    int fd = ::openat(locks, name.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
      ::close(locks);
      throw AotError("cannot create the lock '" + name + "': " + errno_text());
    }
    int r;
    do {
      r = ::flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB));
    } while (r != 0 && errno == EINTR);
    if (r != 0) {
      ::close(fd);
      ::close(locks);
      return -1;
    }
    // `cache clean` may have removed the file while we waited: then the lock
    // we hold guards nothing, and we take the new one.
    struct stat held {}, now {};
    if (::fstat(fd, &held) == 0 && ::fstatat(locks, name.c_str(), &now, AT_SYMLINK_NOFOLLOW) == 0 &&
        held.st_ino == now.st_ino && held.st_dev == now.st_dev) {
      ::close(locks);
      return fd;
    }
    ::close(fd);
  }
}

void Cache::unlock(int fd) {
  if (fd >= 0) ::close(fd);  // closing the descriptor releases the flock
}

std::optional<std::string> Cache::module_hash(const FileIdentity& id) {
  int dir = ::openat(fd_, "modules", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (dir < 0) return std::nullopt;
  int fd = ::openat(dir, identity_name(id).c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  ::close(dir);
  if (fd < 0) return std::nullopt;
  char buf[256];
  ssize_t n = ::read(fd, buf, sizeof buf - 1);
  ::close(fd);
  if (n <= 0) return std::nullopt;
  buf[n] = '\0';
  long long size = 0, mtime = 0, ctime = 0;
  char hash[65] = {};
  if (std::sscanf(buf, "%lld %lld %lld %64s", &size, &mtime, &ctime, hash) != 4) return std::nullopt;
  if (size != id.size || mtime != id.mtime_ns || ctime != id.ctime_ns || std::strlen(hash) != 64) {
    return std::nullopt;
  }
  return std::string(hash);
}

void Cache::remember_module_hash(const FileIdentity& id, const std::string& hash) {
  int dir = subdir(fd_, "modules");
  if (dir < 0) return;
  const std::string name = identity_name(id);
  const std::string tmp = name + ".tmp" + std::to_string(::getpid());
  int fd = ::openat(dir, tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd >= 0) {
    std::string text = std::to_string(id.size) + " " + std::to_string(id.mtime_ns) + " " +
                       std::to_string(id.ctime_ns) + " " + hash + "\n";
    bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ::close(fd);
    if (!ok || ::renameat(dir, tmp.c_str(), dir, name.c_str()) != 0) ::unlinkat(dir, tmp.c_str(), 0);
  }
  ::close(dir);
}

std::vector<Cache::Entry> Cache::list(bool verify) {
  std::vector<Entry> out;
  for_each_entry(fd_, [&](const std::string& name) {
    if (!ends_with(name, kObjectSuffix)) return;
    struct stat st {};
    if (::fstatat(fd_, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode)) return;
    Entry e;
    e.file = name;
    e.bytes = static_cast<uint64_t>(st.st_size);
    e.last_used = st.st_mtim.tv_sec;
    if (verify) {
      std::string error;
      if (auto v = open_verified(fd_, name, &error)) {
        e.record = v->record;
        e.valid = e.record.key + kObjectSuffix == name;
      }
    }
    out.push_back(std::move(e));
  });
  std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.last_used > b.last_used; });
  return out;
}

uint64_t Cache::clean() {
  uint64_t freed = 0;
  for_each_entry(fd_, [&](const std::string& name) {
    if (ends_with(name, kObjectSuffix) || name == "locks" || name == "modules" || name == "work" ||
        name == "jobs" || name == "evict.lock") {
      freed += remove_tree_at(fd_, name);
    }
  });
  return freed;
}

void Cache::evict(uint64_t limit) {
  int guard = ::openat(fd_, "evict.lock", O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (guard < 0) return;
  if (::flock(guard, LOCK_EX | LOCK_NB) != 0) {  // another process is at it
    ::close(guard);
    return;
  }
  auto entries = list(false);  // most recently used first
  uint64_t total = 0;
  for (const Entry& e : entries) total += e.bytes;
  // Never the most recent one: it is the object just stored or in use.
  for (size_t i = entries.size(); i-- > 1 && total > limit;) {
    if (::unlinkat(fd_, entries[i].file.c_str(), 0) == 0) {
      total -= entries[i].bytes;
      ::unlinkat(fd_, ("locks/" + entries[i].file.substr(0, entries[i].file.size() - 4) + ".lock").c_str(), 0);
    }
  }
  remove_leftovers();
  ::close(guard);
}

// What killed compiles leave (work directories more than a day old), and the
// module-hash records beyond a bound, oldest first.
void Cache::remove_leftovers() {
  const time_t day_ago = ::time(nullptr) - 24 * 3600;
  if (int work = ::openat(fd_, "work", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC); work >= 0) {
    for_each_entry(work, [&](const std::string& name) {
      struct stat st {};
      if (::fstatat(work, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && st.st_mtime < day_ago) {
        remove_tree_at(work, name);
      }
    });
    ::close(work);
  }
  constexpr size_t kMaxModuleRecords = 10000;
  if (int modules = ::openat(fd_, "modules", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC); modules >= 0) {
    std::vector<std::pair<time_t, std::string>> records;
    for_each_entry(modules, [&](const std::string& name) {
      struct stat st {};
      if (::fstatat(modules, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) records.emplace_back(st.st_mtime, name);
    });
    if (records.size() > kMaxModuleRecords) {
      std::sort(records.begin(), records.end());
      for (size_t i = 0; i < records.size() - kMaxModuleRecords / 2; ++i) {
        ::unlinkat(modules, records[i].second.c_str(), 0);
      }
    }
    ::close(modules);
  }
}

uint64_t cache_limit(const AotOptions& options) {
  if (options.cache_limit) return options.cache_limit;
  if (const char* s = std::getenv("WASISHIM_CACHE_SIZE"); s && *s) {
    char* end = nullptr;
    unsigned long long n = std::strtoull(s, &end, 10);
    switch (end && *end ? *end : '\0') {
      case 'k': case 'K': n <<= 10; break;
      case 'm': case 'M': n <<= 20; break;
      case 'g': case 'G': n <<= 30; break;
      default: break;
    }
    if (n > 0) return n;
  }
  return 1ull << 30;
}

}  // namespace wasishim::aot
