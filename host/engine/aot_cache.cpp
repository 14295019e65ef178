// The AOT object cache (aot_cache.h): the directory, and one key's object,
// lock and module-hash record in it (aot_cache_eviction.cpp has the cache as
// a whole). Every path inside the cache is resolved from the directory's
// descriptor, opened once and checked, so a rename of the directory after the
// check cannot redirect the engine.
#include "engine/aot_cache.h"

#include <fcntl.h>
#include <pwd.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace wasishim::aot {
namespace {

std::string errno_text() { return std::strerror(errno); }

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

}  // namespace

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

}  // namespace wasishim::aot
