// args_* and environ_*: the arguments and environment the embedder gave,
// laid out in guest memory as C strings behind a pointer array.
#include <cstring>

#include "wasi/context.h"

namespace wasishim {

using wasi::Errno;

namespace {

// Writes a string list as WASI lays it out: an array of guest pointers, and
// the NUL-terminated strings packed into one buffer.
Errno write_string_list(GuestMemory& mem, const std::vector<std::string>& list,
                        uint32_t ptrs, uint32_t buf) {
  uint64_t total = 0;
  for (const auto& s : list) total += s.size() + 1;
  auto pointers = mem.bytes(ptrs, uint64_t{list.size()} * 4);
  auto bytes = mem.bytes(buf, total);
  if (!pointers || !bytes) return Errno::fault;
  uint32_t offset = 0;
  for (size_t i = 0; i < list.size(); ++i) {
    GuestMemory::put<uint32_t>(*pointers, i * 4, buf + offset);
    std::memcpy(bytes->data() + offset, list[i].c_str(), list[i].size() + 1);
    offset += static_cast<uint32_t>(list[i].size() + 1);
  }
  return Errno::success;
}

Errno write_sizes(GuestMemory& mem, const std::vector<std::string>& list,
                  uint32_t count_out, uint32_t size_out) {
  uint64_t total = 0;
  for (const auto& s : list) total += s.size() + 1;
  if (!mem.in_bounds(count_out, 4) || !mem.in_bounds(size_out, 4)) return Errno::fault;
  mem.store<uint32_t>(count_out, static_cast<uint32_t>(list.size()));
  mem.store<uint32_t>(size_out, static_cast<uint32_t>(total));
  return Errno::success;
}

}  // namespace

Errno WasiContext::args_get(M& mem, u32 argv, u32 argv_buf) {
  return write_string_list(mem, args_, argv, argv_buf);
}
Errno WasiContext::args_sizes_get(M& mem, u32 argc_out, u32 size_out) {
  return write_sizes(mem, args_, argc_out, size_out);
}
Errno WasiContext::environ_get(M& mem, u32 environ, u32 environ_buf) {
  return write_string_list(mem, env_, environ, environ_buf);
}
Errno WasiContext::environ_sizes_get(M& mem, u32 count_out, u32 size_out) {
  return write_sizes(mem, env_, count_out, size_out);
}

}  // namespace wasishim
