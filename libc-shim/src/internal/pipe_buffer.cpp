#include "pipe_buffer.h"

#include <stdlib.h>
#include <string.h>

namespace wasishim::shim {

pipe_buffer* pipe_buffer::create() {
  static uint32_t next_id = 1;
  auto* p = static_cast<pipe_buffer*>(malloc(sizeof(pipe_buffer)));
  if (p == nullptr) return nullptr;
  // The bytes are allocated once: a pipe is created rarely and written often.
  auto* bytes = static_cast<uint8_t*>(malloc(pipe_capacity));
  if (bytes == nullptr) {
    free(p);
    return nullptr;
  }
  *p = pipe_buffer{};
  p->bytes_ = bytes;
  p->id = next_id++;
  return p;
}

void pipe_buffer::destroy(pipe_buffer* p) {
  if (p == nullptr) return;
  free(p->bytes_);
  free(p);
}

size_t pipe_buffer::acceptable(size_t n) const {
  if (n <= pipe_atomic_size) return n <= room() ? n : 0;
  return n < room() ? n : room();
}

size_t pipe_buffer::put(const void* data, size_t n) {
  if (n > room()) n = room();
  const auto* in = static_cast<const uint8_t*>(data);
  size_t tail = (head_ + count_) % pipe_capacity;
  size_t first = pipe_capacity - tail < n ? pipe_capacity - tail : n;
  memcpy(bytes_ + tail, in, first);
  memcpy(bytes_, in + first, n - first);
  count_ += n;
  return n;
}

size_t pipe_buffer::take(void* out, size_t n) {
  if (n > count_) n = count_;
  auto* to = static_cast<uint8_t*>(out);
  size_t first = pipe_capacity - head_ < n ? pipe_capacity - head_ : n;
  memcpy(to, bytes_ + head_, first);
  memcpy(to + first, bytes_, n - first);
  head_ = (head_ + n) % pipe_capacity;
  count_ -= n;
  if (count_ == 0) head_ = 0;
  return n;
}

}  // namespace wasishim::shim
