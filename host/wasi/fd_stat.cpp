// Descriptor metadata: fdstat, filestat and preopen information.
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "wasi/context.h"
#include "wasi/errno_map.h"
#include "wasi/filestat.h"

namespace wasishim {

using wasi::Errno;
namespace right = wasi::right;

Errno WasiContext::fd_fdstat_get(M& mem, u32 fd, u32 out) {
  auto e = fds_.get(fd);
  if (!e) return e.error;
  auto w = mem.bytes(out, wasi::layout::fdstat_size);
  if (!w) return Errno::fault;
  std::fill(w->begin(), w->end(), 0);
  GuestMemory::put<uint8_t>(*w, 0, static_cast<uint8_t>(e->type));
  GuestMemory::put<uint16_t>(*w, 2, e->fdflags);
  GuestMemory::put<uint64_t>(*w, 8, e->rights_base);
  GuestMemory::put<uint64_t>(*w, 16, e->rights_inheriting);
  return Errno::success;
}

Errno WasiContext::fd_filestat_get(M& mem, u32 fd, u32 out) {
  auto e = fds_.get(fd, right::fd_filestat_get);
  if (!e) return e.error;
  auto w = mem.bytes(out, wasi::layout::filestat_size);
  if (!w) return Errno::fault;
  struct stat st {};
  if (fstat(e->host.get(), &st) != 0) return wasi::from_host_errno(errno);
  wasi::put_filestat(*w, st);
  return Errno::success;
}

Errno WasiContext::fd_prestat_get(M& mem, u32 fd, u32 out) {
  auto e = fds_.get(fd);
  if (!e) return e.error;
  if (!e->is_preopen) return Errno::badf;
  auto w = mem.bytes(out, wasi::layout::prestat_size);
  if (!w) return Errno::fault;
  std::fill(w->begin(), w->end(), 0);
  GuestMemory::put<uint8_t>(*w, 0, wasi::preopentype_dir);
  GuestMemory::put<uint32_t>(*w, 4, static_cast<uint32_t>(e->preopen_name.size()));
  return Errno::success;
}

Errno WasiContext::fd_prestat_dir_name(M& mem, u32 fd, u32 path, u32 path_len) {
  auto e = fds_.get(fd);
  if (!e) return e.error;
  if (!e->is_preopen) return Errno::badf;
  // The spec leaves a short buffer unspecified; wasmtime and uvwasi report
  // nametoolong rather than truncating, and so does this host.
  if (path_len < e->preopen_name.size()) return Errno::nametoolong;
  auto w = mem.bytes(path, e->preopen_name.size());
  if (!w) return Errno::fault;
  std::memcpy(w->data(), e->preopen_name.data(), e->preopen_name.size());
  return Errno::success;
}

}  // namespace wasishim
