// What one instance has done through WASI: the host's own I/O counters
// (`wasishim run --stats`, Instance::io_stats()).
#pragma once

#include <cstdint>

namespace wasishim {

struct IoStats {
  uint64_t wasi_calls = 0;     // every WASI call the guest made
  uint64_t read_calls = 0;     // fd_read and fd_pread calls that succeeded
  uint64_t bytes_read = 0;
  uint64_t write_calls = 0;    // fd_write and fd_pwrite calls that succeeded
  uint64_t bytes_written = 0;
};

}  // namespace wasishim
