// Read-only directories. A host's read-only preopen (wasishim's --dir-ro)
// passes no write rights to anything opened beneath it. Asking the host for
// rights it cannot pass would fail with ENOTCAPABLE, and open() used to drop
// them silently, so a program opening for writing got a read-only descriptor
// and found out only when it wrote. The shim answers instead as Linux does on
// a read-only mount: EROFS for writing, truncating or creating; EISDIR for a
// directory opened for writing; access(W_OK) says EROFS. docs/porting.md.
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "shim.h"

namespace wasishim::shim {

namespace {

// The directory part of `where` exists: EROFS is the answer for creating a
// name in it; otherwise the error looking it up gives. Always a failure.
result<void> creating_in(const resolved_path& where) {
  size_t end = where.len;
  while (end > 0 && where.path[end - 1] == '/') --end;
  while (end > 0 && where.path[end - 1] != '/') --end;
  if (end == 0) return failure(errc::rofs);  // the name is directly in dirfd
  if (auto r = require_existing_directory({where.dirfd, where.path, end}); !r) return r;
  return failure(errc::rofs);
}

}  // namespace

bool is_read_only_directory(sys::fd_t dirfd) {
  auto rights = inheriting_rights(dirfd);
  return rights && !(*rights & sys::rights::fd_write);
}

result<int> check_open_on_read_only(const resolved_path& where, int oflag,
                                    sys::lookupflags lookup) {
  const bool writes = (oflag & O_ACCMODE) == O_WRONLY || (oflag & O_ACCMODE) == O_RDWR;
  const bool truncates = oflag & O_TRUNC;
  const bool creates = oflag & O_CREAT;
  if (!writes && !truncates && !creates) return oflag;
  if (!is_read_only_directory(where.dirfd)) return oflag;
  auto st = sys::path_filestat_get(where.dirfd, lookup, where.path, where.len);
  if (!st) {
    if (st.error() == errc::noent && creates) {
      auto r = creating_in(where);
      return failure(r.error());
    }
    return failure(st.error());
  }
  if (creates && (oflag & O_EXCL)) return failure(errc::exist);
  // O_CREAT of a name that exists opens it, as Linux does; the host would
  // refuse the creation right the directory lacks, so it is not asked for.
  if (!writes && !truncates) return oflag & ~O_CREAT;
  if (st->filetype == sys::filetype::directory) return failure(errc::isdir);
  // Linux would let a device or FIFO on a read-only mount be opened for
  // writing; a host that withholds fd_write cannot, so every type is refused.
  return failure(errc::rofs);
}

result<void> check_write_access_on_read_only(int dirfd, const char* path) {
  char buf[path_buffer_size];
  auto where = resolve_at(dirfd, path, buf);
  if (!where) return {};  // the caller's own lookup reports the error
  if (is_read_only_directory(where->dirfd)) return failure(errc::rofs);
  return {};
}

}  // namespace wasishim::shim
