#include "descriptor_table.h"

#include <stdlib.h>
#include <string.h>

namespace wasishim::shim {

void descriptor_table::clear() {
  free(slots_);
  slots_ = nullptr;
  capacity_ = entries_ = hidden_ = 0;
}

descriptor_table::slot* descriptor_table::grow_to(size_t index) {
  if (index < capacity_) return &slots_[index];
  size_t n = capacity_ ? capacity_ : 16;
  while (n <= index) n *= 2;
  auto* bigger = static_cast<slot*>(realloc(slots_, n * sizeof(slot)));
  if (bigger == nullptr) return nullptr;
  memset(bigger + capacity_, 0, (n - capacity_) * sizeof(slot));
  slots_ = bigger;
  capacity_ = n;
  return &slots_[index];
}

description* descriptor_table::at(int fd) const {
  if (fd < 0 || static_cast<size_t>(fd) >= capacity_) return nullptr;
  return slots_[fd].d;
}

bool descriptor_table::hidden(uint32_t wasi) const {
  return wasi < capacity_ && slots_[wasi].hidden;
}

sys::result<void> descriptor_table::set_hidden(uint32_t wasi, bool on) {
  if (!on && !hidden(wasi)) return {};
  slot* s = grow_to(wasi);
  if (s == nullptr) return sys::failure(sys::errc::nomem);
  if (s->hidden != on) {
    if (on)
      ++hidden_;
    else
      --hidden_;
  }
  s->hidden = on;
  return {};
}

sys::result<void> descriptor_table::attach(int fd, description* d) {
  if (fd < 0 || d == nullptr) return sys::failure(sys::errc::badf);
  slot* s = grow_to(static_cast<size_t>(fd));
  if (s == nullptr) return sys::failure(sys::errc::nomem);
  if (s->d != nullptr) return sys::failure(sys::errc::busy);
  s->d = d;
  ++d->refs;
  ++entries_;
  return {};
}

description* descriptor_table::detach(int fd) {
  description* d = at(fd);
  if (d == nullptr) return nullptr;
  slots_[fd].d = nullptr;
  --entries_;
  --d->refs;
  return d;
}

}  // namespace wasishim::shim
