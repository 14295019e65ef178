#include "wasi/fd_table.h"

namespace wasishim {

using wasi::Errno;

wasi::Fd FdTable::insert(std::unique_ptr<FdEntry> entry) {
  for (size_t i = 0; i < slots_.size(); ++i) {
    if (!slots_[i]) {
      slots_[i] = std::move(entry);
      return static_cast<wasi::Fd>(i);
    }
  }
  slots_.push_back(std::move(entry));
  return static_cast<wasi::Fd>(slots_.size() - 1);
}

void FdTable::insert_at(wasi::Fd fd, std::unique_ptr<FdEntry> entry) {
  if (fd >= slots_.size()) slots_.resize(fd + 1);
  slots_[fd] = std::move(entry);
}

FdLookup FdTable::get(wasi::Fd fd, wasi::Rights needed) {
  if (fd >= slots_.size() || !slots_[fd]) return {nullptr, Errno::badf};
  FdEntry* e = slots_[fd].get();
  if ((e->rights_base & needed) != needed) return {nullptr, Errno::notcapable};
  return {e, Errno::success};
}

Errno FdTable::close(wasi::Fd fd) {
  if (fd >= slots_.size() || !slots_[fd]) return Errno::badf;
  slots_[fd].reset();
  trim();
  return Errno::success;
}

Errno FdTable::renumber(wasi::Fd from, wasi::Fd to) {
  if (from >= slots_.size() || !slots_[from]) return Errno::badf;
  if (to >= slots_.size() || !slots_[to]) return Errno::badf;
  if (from == to) return Errno::success;
  slots_[to] = std::move(slots_[from]);
  trim();
  return Errno::success;
}

void FdTable::trim() {
  while (!slots_.empty() && !slots_.back()) slots_.pop_back();
}

size_t FdTable::open_count() const {
  size_t n = 0;
  for (const auto& s : slots_) n += s != nullptr;
  return n;
}

}  // namespace wasishim
