// Which open file description each program descriptor names, where that is
// not simply the WASI descriptor of the same number. preview1 has no dup and
// no pipe, so the shim keeps both inside the instance: a dup'ed number and a
// pipe end are entries here. A number without an entry is the WASI
// descriptor of that number, unless that WASI descriptor is hidden: reached
// only through other numbers (after dup and close of the original), or kept
// open by mmap-emu for a mapping after the program closed it.
// Pure logic: the one question for the host (is WASI descriptor n open?) is
// asked through a callback. No WASI calls.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "wasishim/syscalls.h"

namespace wasishim::shim {

class pipe_buffer;

enum class description_kind : uint8_t { file, pipe_read, pipe_write, device };

// The devices the shim provides itself when no preopen holds /dev (devices.cpp).
enum class device_kind : uint8_t { null, zero, full, random, urandom };

// An open file description the shim holds: what dup shares.
struct description {
  description_kind kind;
  uint32_t refs;       // program descriptors naming it
  uint32_t wasi;       // kind == file: the WASI descriptor (offset and flags live there)
  pipe_buffer* pipe;   // pipe ends
  int status_flags;    // pipe ends and devices: what open and F_SETFL left (the WASI
                       // descriptor keeps a file's); a device's holds its access mode
  device_kind device;  // kind == device
};

class descriptor_table {
 public:
  // Trivially destructible: it lives as long as the instance.
  constexpr descriptor_table() = default;
  descriptor_table(const descriptor_table&) = delete;
  descriptor_table& operator=(const descriptor_table&) = delete;
  void clear();  // frees the table, not the descriptions (tests)

  // True while no number has an entry and no WASI descriptor is hidden: every
  // program descriptor is its WASI descriptor (the common, fast case).
  bool empty() const { return entries_ == 0 && hidden_ == 0; }

  // The description `fd` names, or null when it has no entry.
  description* at(int fd) const;
  // Whether the WASI descriptor `wasi` is reached only through entries (or
  // not by the program at all), so the number `wasi` alone names nothing.
  bool hidden(uint32_t wasi) const;
  sys::result<void> set_hidden(uint32_t wasi, bool on);

  // Makes the free number `fd` name `d`, taking a reference. nomem.
  sys::result<void> attach(int fd, description* d);
  // Removes `fd`'s entry and drops its reference; returns the description
  // (the caller releases it when no reference is left), or null.
  description* detach(int fd);

  // The lowest number >= `from` and < `limit` that names nothing: no entry,
  // and its WASI descriptor hidden or not open (`wasi_open(n)`); -1 if none.
  template <class WasiOpen>
  int lowest_free(int from, int limit, WasiOpen wasi_open) const {
    for (int n = from < 0 ? 0 : from; n < limit; ++n) {
      if (at(n) != nullptr) continue;
      if (!hidden(static_cast<uint32_t>(n)) && wasi_open(n)) continue;
      return n;
    }
    return -1;
  }

 private:
  struct slot {
    description* d;
    bool hidden;
  };
  slot* grow_to(size_t index);
  slot* slots_ = nullptr;
  size_t capacity_ = 0;
  size_t entries_ = 0;
  size_t hidden_ = 0;
};

}  // namespace wasishim::shim
