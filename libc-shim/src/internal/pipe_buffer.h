// The bytes of one pipe inside an instance: a ring of Linux's default
// capacity (64 KiB), with PIPE_BUF-sized writes kept whole, and the counts of
// open file descriptions on each end. Pure logic, no WASI calls.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace wasishim::shim {

inline constexpr size_t pipe_capacity = 65536;  // Linux's default (pipe(7))
inline constexpr size_t pipe_atomic_size = 4096;  // PIPE_BUF: writes this small never split
// st_dev of every pipe: no host device has it, so lock tables keep pipes apart.
inline constexpr uint64_t pipe_device = UINT64_MAX - 1;

class pipe_buffer {
 public:
  // Null when out of memory. The new pipe has one reader and one writer.
  static pipe_buffer* create();
  static void destroy(pipe_buffer* p);

  size_t available() const { return count_; }
  size_t room() const { return pipe_capacity - count_; }

  // How many of `n` bytes a write may put in now: all of a small write or
  // none of it (POSIX: at most PIPE_BUF bytes are written atomically), as
  // many as fit of a larger one. 0 means the writer would have to wait.
  size_t acceptable(size_t n) const;

  // Copies up to `n` bytes in or out; returns how many moved.
  size_t put(const void* data, size_t n);
  size_t take(void* out, size_t n);

  uint32_t readers = 1;  // open descriptions of the read end
  uint32_t writers = 1;  // ... and of the write end
  uint32_t id = 0;       // for st_ino and lock owners

 private:
  uint8_t* bytes_ = nullptr;
  size_t head_ = 0;  // index of the oldest byte
  size_t count_ = 0;
};

}  // namespace wasishim::shim
