#include "lock_table.h"

#include <stdlib.h>

namespace wasishim::shim {

namespace {
bool overlaps(uint64_t a_start, uint64_t a_end, uint64_t b_start, uint64_t b_end) {
  return a_start < b_end && b_start < a_end;
}
}  // namespace

void lock_table::clear() {
  free(ranges_);
  ranges_ = nullptr;
  count_ = capacity_ = 0;
}

sys::result<void> lock_table::reserve(size_t n) {
  if (n <= capacity_) return {};
  size_t grown = capacity_ ? capacity_ * 2 : 8;
  while (grown < n) grown *= 2;
  auto* bigger = static_cast<lock_range*>(realloc(ranges_, grown * sizeof(lock_range)));
  if (bigger == nullptr) return sys::failure(sys::errc::nomem);
  ranges_ = bigger;
  capacity_ = grown;
  return {};
}

sys::result<lock_range> lock_table::find_conflict(file_key file, uint64_t owner, uint64_t start,
                                                  uint64_t end, lock_kind kind) const {
  if (kind == lock_kind::unlock) return sys::failure(sys::errc::noent);
  for (size_t i = 0; i < count_; ++i) {
    const lock_range& r = ranges_[i];
    if (!(r.file == file) || r.owner == owner) continue;
    if (!overlaps(start, end, r.start, r.end)) continue;
    if (kind == lock_kind::read && r.kind == lock_kind::read) continue;
    return r;
  }
  return sys::failure(sys::errc::noent);
}

sys::result<void> lock_table::apply(file_key file, uint64_t owner, uint64_t start, uint64_t end,
                                    lock_kind kind) {
  if (start >= end) return sys::failure(sys::errc::inval);
  if (find_conflict(file, owner, start, end, kind).ok()) return sys::failure(sys::errc::again);
  // Removing [start,end) from the owner's ranges splits at most one range in
  // two, and the new lock adds one: two more slots cover every case.
  if (auto r = reserve(count_ + 2); !r) return r;
  for (size_t i = 0; i < count_;) {
    lock_range& r = ranges_[i];
    if (!(r.file == file) || r.owner != owner || !overlaps(start, end, r.start, r.end)) {
      ++i;
      continue;
    }
    if (r.start < start && r.end > end) {  // the cleared bytes lie inside: split
      lock_range tail = r;
      tail.start = end;
      r.end = start;
      ranges_[count_++] = tail;
      ++i;
    } else if (r.start < start) {
      r.end = start;
      ++i;
    } else if (r.end > end) {
      r.start = end;
      ++i;
    } else {
      ranges_[i] = ranges_[--count_];
    }
  }
  if (kind != lock_kind::unlock) ranges_[count_++] = lock_range{file, owner, start, end, kind};
  return {};
}

void lock_table::release(file_key file, uint64_t owner) {
  for (size_t i = 0; i < count_;) {
    if (ranges_[i].file == file && ranges_[i].owner == owner)
      ranges_[i] = ranges_[--count_];
    else
      ++i;
  }
}

void lock_table::release_owner(uint64_t owner) {
  for (size_t i = 0; i < count_;) {
    if (ranges_[i].owner == owner)
      ranges_[i] = ranges_[--count_];
    else
      ++i;
  }
}

}  // namespace wasishim::shim
