// A growable array of trivially copyable values on malloc/realloc.
//
// The guest libraries link into plain C programs with no C++ runtime, so
// there is no std::vector. It has no destructor on purpose: the emulation's
// tables are globals that must outlive every atexit handler (the exit flush
// runs after static destructors would have been queued).
#pragma once

#include <stddef.h>
#include <string.h>

#include "heap.h"

namespace wasishim::mman {

template <class T>
class Vec {
 public:
  constexpr Vec() = default;

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }

  // False when memory runs out; the array is then unchanged.
  bool reserve(size_t want) {
    if (want <= capacity_) return true;
    size_t grown = capacity_ ? capacity_ * 2 : 8;
    if (grown < want) grown = want;
    void* p = heap_realloc(data_, grown * sizeof(T));
    if (!p) return false;
    data_ = static_cast<T*>(p);
    capacity_ = grown;
    return true;
  }

  bool insert(size_t at, const T& value) {
    if (!reserve(size_ + 1)) return false;
    memmove(data_ + at + 1, data_ + at, (size_ - at) * sizeof(T));
    data_[at] = value;
    ++size_;
    return true;
  }
  bool push_back(const T& value) { return insert(size_, value); }

  void erase(size_t at, size_t count = 1) {
    memmove(data_ + at, data_ + at + count, (size_ - at - count) * sizeof(T));
    size_ -= count;
  }
  void clear() { size_ = 0; }
  // Frees the storage (tests use it; the guest's globals never die).
  void release() {
    heap_free(data_);
    data_ = nullptr;
    size_ = capacity_ = 0;
  }

 private:
  T* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

}  // namespace wasishim::mman
