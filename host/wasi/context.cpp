#include "wasi/context.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>

#include <cerrno>
#include <cstring>

#include "wasi/errno_map.h"
#include "wasi/filetype.h"
#include "wasishim/error.h"

namespace wasishim {

using wasi::Errno;

namespace {

std::unique_ptr<FdEntry> adopt_host_fd(UniqueFd fd) {
  auto entry = std::make_unique<FdEntry>();
  struct stat st {};
  if (fstat(fd.get(), &st) == 0) entry->type = wasi::filetype_of(st.st_mode);
  if (entry->type == wasi::Filetype::socket_stream) {
    int type = 0;
    socklen_t len = sizeof type;
    if (getsockopt(fd.get(), SOL_SOCKET, SO_TYPE, &type, &len) == 0 && type == SOCK_DGRAM) {
      entry->type = wasi::Filetype::socket_dgram;
    }
  }
  entry->root = FileId{static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino)};
  entry->raises_sigpipe = S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode);
  entry->rights_base = wasi::max_rights_for(entry->type);
  entry->rights_inheriting = entry->type == wasi::Filetype::directory
                                 ? wasi::right::regular_file | wasi::right::directory
                                 : 0;
  int fl = fcntl(fd.get(), F_GETFL);
  if (fl >= 0 && (fl & O_APPEND)) entry->fdflags |= wasi::fdflag::append;
  if (fl >= 0 && (fl & O_NONBLOCK)) entry->fdflags |= wasi::fdflag::nonblock;
  entry->host = std::move(fd);
  return entry;
}

}  // namespace

WasiContext::WasiContext(const WasiOptions& options)
    : args_(options.args), env_(options.env) {
  const int stdio[3] = {options.stdin_fd, options.stdout_fd, options.stderr_fd};
  for (wasi::Fd i = 0; i < 3; ++i) {
    int dup = fcntl(stdio[i], F_DUPFD_CLOEXEC, 0);
    // A closed host stdio leaves the guest's slot closed too (badf), as a
    // native process would see it.
    if (dup >= 0) fds_.insert_at(i, adopt_host_fd(UniqueFd(dup)));
  }
  wasi::Fd next = 3;
  for (const Preopen& p : options.preopens) {
    int fd = open(p.host_path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
      throw HostError(HostErrorKind::io, "cannot preopen directory '" + p.host_path +
                                             "': " + std::strerror(errno));
    }
    auto entry = adopt_host_fd(UniqueFd(fd));
    entry->is_preopen = true;
    entry->preopen_name = p.guest_path;
    if (p.read_only) {
      entry->rights_base &= ~wasi::right::mutating;
      entry->rights_inheriting &= ~wasi::right::mutating;
    }
    fds_.insert_at(next++, std::move(entry));
  }
}

Errno WasiContext::gather_iovs(M& mem, u32 iovs, u32 iovs_len,
                               std::vector<::iovec>& out) {
  if (iovs_len > IOV_MAX) return Errno::inval;
  auto table = mem.bytes(iovs, uint64_t{iovs_len} * wasi::layout::iovec_size);
  if (!table) return Errno::fault;
  out.resize(iovs_len);
  for (u32 i = 0; i < iovs_len; ++i) {
    u32 buf, len;
    std::memcpy(&buf, table->data() + i * 8, 4);
    std::memcpy(&len, table->data() + i * 8 + 4, 4);
    auto window = mem.bytes(buf, len);
    if (!window) return Errno::fault;
    out[i] = {window->data(), window->size()};
  }
  return Errno::success;
}

}  // namespace wasishim

namespace wasishim {

FdLookup WasiContext::file_entry(u32 fd, wasi::Rights needed) {
  return typed_entry(
      fd, needed, [](wasi::Filetype t) { return t != wasi::Filetype::directory; }, Errno::badf);
}

FdLookup WasiContext::dir_entry(u32 fd, wasi::Rights needed) {
  return typed_entry(
      fd, needed, [](wasi::Filetype t) { return t == wasi::Filetype::directory; }, Errno::notdir);
}

}  // namespace wasishim
