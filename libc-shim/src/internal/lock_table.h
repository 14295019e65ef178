// Advisory byte-range locks kept inside one instance: the pure part of
// fcntl(F_SETLK...) and flock. A lock belongs to an owner (the process for
// fcntl locks, an open file description for flock) and covers
// [start, end) of one file (dev, ino); end == lock_to_eof means "to the end
// of the file, however it grows". Locks of the same owner never conflict
// with each other; a new lock of an owner replaces that owner's lock on the
// overlapping bytes, as POSIX requires. No WASI calls.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "wasishim/syscalls.h"

namespace wasishim::shim {

inline constexpr uint64_t lock_to_eof = UINT64_MAX;

enum class lock_kind : uint8_t { read, write, unlock };

struct file_key {
  uint64_t dev;
  uint64_t ino;
  friend bool operator==(const file_key&, const file_key&) = default;
};

struct lock_range {
  file_key file;
  uint64_t owner;
  uint64_t start;
  uint64_t end;
  lock_kind kind;
};

class lock_table {
 public:
  // Trivially destructible, like preopen_table: it lives as long as the instance.
  constexpr lock_table() = default;
  lock_table(const lock_table&) = delete;
  lock_table& operator=(const lock_table&) = delete;
  void clear();  // frees everything (tests)

  // The first lock of another owner that conflicts with `kind` over
  // [start, end) of `file` (two read locks never conflict); noent if none.
  sys::result<lock_range> find_conflict(file_key file, uint64_t owner, uint64_t start,
                                        uint64_t end, lock_kind kind) const;

  // Sets (read/write) or clears (unlock) owner's lock over [start, end),
  // splitting the owner's existing ranges as needed. Fails with again when
  // another owner holds a conflicting lock, nomem when out of memory; the table
  // is unchanged on failure.
  sys::result<void> apply(file_key file, uint64_t owner, uint64_t start, uint64_t end,
                          lock_kind kind);

  // Drops every lock `owner` holds on `file`.
  void release(file_key file, uint64_t owner);
  // Drops every lock `owner` holds on any file.
  void release_owner(uint64_t owner);

  size_t size() const { return count_; }
  const lock_range& at(size_t i) const { return ranges_[i]; }

 private:
  sys::result<void> reserve(size_t n);
  lock_range* ranges_ = nullptr;
  size_t count_ = 0;
  size_t capacity_ = 0;
};

}  // namespace wasishim::shim
