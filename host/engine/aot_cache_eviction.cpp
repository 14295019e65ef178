// The AOT cache as a whole (aot_cache.h): listing its objects, removing them
// all, and keeping it within its size limit, least recently used first, with
// what killed compiles left behind.
#include "engine/aot_cache.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <string_view>
#include <utility>

namespace wasishim::aot {
namespace {

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

}  // namespace

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
