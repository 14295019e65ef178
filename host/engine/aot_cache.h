// The AOT object cache: a directory private to the user, holding compiled
// objects named by their key, each carrying a record of what it was compiled
// from and the SHA-256 of its machine code, checked before the object is
// loaded (aot_object_record.h). Shared by concurrent processes (atomic
// renames, per-key locks), bounded in size with least-recently-used
// eviction. See docs/aot.md.
#pragma once

#include <sys/stat.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/aot_object_record.h"
#include "wasishim/aot.h"

namespace wasishim::aot {

// The cache directory AotOptions select: options.cache_dir, else
// $WASISHIM_CACHE_DIR, else $XDG_CACHE_HOME/wasishim, else
// $HOME/.cache/wasishim, else the password database's home directory for the
// user + /.cache/wasishim. Empty when none of those is known: there is no
// shared fallback.
std::string cache_dir_path(const AotOptions& options);

// A file's identity, to find the module hash recorded for it without hashing
// the module again.
struct FileIdentity {
  dev_t dev = 0;
  ino_t ino = 0;
  off_t size = 0;
  int64_t mtime_ns = 0;
  int64_t ctime_ns = 0;
};
FileIdentity identity_of(const struct stat& st);

class Cache {
 public:
  // Opens the directory, creating it (and missing parents) with mode 0700.
  // Throws AotError unless it is a directory owned by this user that no one
  // else can write to.
  explicit Cache(std::string path);
  ~Cache();
  Cache(const Cache&) = delete;
  Cache& operator=(const Cache&) = delete;

  const std::string& path() const { return path_; }
  int fd() const { return fd_; }

  // The object cached for `key`, checked, and marked as just used; nothing
  // when there is none or it fails its check (it is then removed).
  std::optional<VerifiedObject> find(const std::string& key, std::string* why_not = nullptr);
  // Moves the sealed object at `built` (a file inside work directory of this
  // cache) into place for `key`, then evicts down to `limit` bytes.
  void store(const std::string& built, const std::string& key, uint64_t limit);
  // Removes the object for `key`, if any.
  void remove(const std::string& key);

  // A private directory for one compile, inside the cache (so that renaming
  // its result into place is atomic). Removed by the caller.
  std::string make_work_dir();

  // Exclusive per-key lock, held while an object is compiled so that two
  // processes never compile the same thing at once. `wait` false: returns
  // -1 when another process holds it. Returns the lock's descriptor.
  int lock(const std::string& key, bool wait);
  static void unlock(int fd);

  // The module hash recorded for a file with this identity, if it still
  // matches; and recording one.
  std::optional<std::string> module_hash(const FileIdentity& id);
  void remember_module_hash(const FileIdentity& id, const std::string& hash);

  struct Entry {
    std::string file;
    ObjectRecord record;
    uint64_t bytes = 0;
    int64_t last_used = 0;  // seconds since the epoch
    bool valid = false;     // its record and hash check out
  };
  std::vector<Entry> list(bool verify);
  // Removes every object, lock, work directory and module record; returns the
  // bytes freed.
  uint64_t clean();
  // Removes least recently used objects until the total is at most `limit`,
  // and what killed compiles left behind.
  void evict(uint64_t limit);

 private:
  static constexpr const char* kObjectSuffix = ".aot";  // an object's file: its key + this
  void remove_leftovers();
  std::string path_;
  int fd_ = -1;
};

// The size limit AotOptions select: options.cache_limit, else
// $WASISHIM_CACHE_SIZE (bytes, or with a K, M or G suffix), else 1 GiB.
uint64_t cache_limit(const AotOptions& options);

}  // namespace wasishim::aot
