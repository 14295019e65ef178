// fcntl (descriptor flags, status flags, record locks) and flock. Locks live
// in the instance's lock tables: preview1 has no locking call, so they
// coordinate the program with itself, and never with other instances or
// processes (docs/porting.md).
#include <fcntl.h>
#include <stdarg.h>
#include <sys/file.h>
#include <unistd.h>

#include "shim.h"

namespace wasishim::shim {

namespace {

namespace R = sys::rights;

// fcntl record locks belong to the process: one owner. flock locks belong to
// the open file description (description_owner), shared by dup'ed numbers.
constexpr uint64_t process_owner = 0;

lock_table record_locks;
lock_table flock_locks;

void release_on_close(const open_file& f, bool last) {
  if (last) flock_locks.release_owner(description_owner(f));
  // POSIX: closing any descriptor of a file drops the process's record locks
  // on it, even while dup'ed numbers keep the file open.
  if (record_locks.size() == 0) return;
  if (auto key = file_key_of(f)) record_locks.release(*key, process_owner);
}

void install_close_hook() { close_lock_hook = release_on_close; }

result<int> status_flags(int fd) {
  auto f = lookup(fd);
  if (!f) return failure(f.error());
  if (f->is_pipe())
    return (f->d->kind == description_kind::pipe_read ? O_RDONLY : O_WRONLY) | f->d->status_flags;
  if (f->is_device()) return f->d->status_flags;
  auto st = sys::fd_fdstat_get(f->wasi);
  if (!st) return failure(st.error());
  const bool r = st->fs_rights_base & (R::fd_read | R::fd_readdir);
  const bool w = st->fs_rights_base & R::fd_write;
  int mode;
  if (r && w)
    mode = O_RDWR;
  else if (r)
    mode = O_RDONLY;
  else if (w)
    mode = O_WRONLY;
  else
    mode = st->fs_filetype == sys::filetype::directory ? O_SEARCH : O_EXEC;
  return mode | static_cast<int>(st->fs_flags);
}

result<void> set_status_flags(int fd, int flags) {
  auto f = lookup(fd);
  if (!f) return failure(f.error());
  // Only O_APPEND and O_NONBLOCK can change; access mode and creation flags
  // are ignored, as Linux ignores them. Every dup'ed number sees the change.
  if (f->in_instance()) {
    constexpr int changeable = O_APPEND | O_NONBLOCK;
    f->d->status_flags = (f->d->status_flags & ~changeable) | (flags & changeable);
    return {};
  }
  return sys::fd_fdstat_set_flags(f->wasi,
                                  static_cast<sys::fdflags>(flags & (O_APPEND | O_NONBLOCK)));
}

struct byte_range {
  uint64_t start, end;
};

result<byte_range> lock_range_of(const open_file& f, const struct flock* fl) {
  int64_t base;
  switch (fl->l_whence) {
    case SEEK_SET: base = 0; break;
    case SEEK_CUR: {
      if (f.is_pipe()) return failure(errc::spipe);
      if (f.is_device()) {  // always at offset 0
        base = 0;
        break;
      }
      auto pos = sys::fd_tell(f.wasi);
      if (!pos) return failure(pos.error());
      base = static_cast<int64_t>(*pos);
      break;
    }
    case SEEK_END: {
      if (f.in_instance()) {
        base = 0;
        break;
      }
      auto st = sys::fd_filestat_get(f.wasi);
      if (!st) return failure(st.error());
      base = static_cast<int64_t>(st->size);
      break;
    }
    default: return failure(errc::inval);
  }
  int64_t start = base + fl->l_start;
  int64_t len = fl->l_len;
  if (len < 0) {  // the bytes before start
    start += len;
    len = -len;
  }
  if (start < 0) return failure(errc::inval);
  const uint64_t end = len == 0 ? lock_to_eof : static_cast<uint64_t>(start + len);
  return byte_range{static_cast<uint64_t>(start), end};
}

result<void> record_lock(int fd, int cmd, struct flock* fl) {
  if (fl == nullptr) return failure(errc::fault);
  auto f = lookup(fd);
  if (!f) return failure(f.error());
  auto range = lock_range_of(*f, fl);
  if (!range) return failure(range.error());
  auto file = file_key_of(*f);
  if (!file) return failure(file.error());
  const file_key key = *file;
  lock_kind kind;
  switch (fl->l_type) {
    case F_RDLCK: kind = lock_kind::read; break;
    case F_WRLCK: kind = lock_kind::write; break;
    case F_UNLCK: kind = lock_kind::unlock; break;
    default: return failure(errc::inval);
  }
  if (cmd == F_GETLK) {
    if (kind == lock_kind::unlock) return failure(errc::inval);
    auto other = record_locks.find_conflict(key, process_owner, range->start, range->end, kind);
    if (!other) {
      fl->l_type = F_UNLCK;
      return {};
    }
    fl->l_type = other->kind == lock_kind::read ? F_RDLCK : F_WRLCK;
    fl->l_whence = SEEK_SET;
    fl->l_start = static_cast<off_t>(other->start);
    fl->l_len = other->end == lock_to_eof ? 0 : static_cast<off_t>(other->end - other->start);
    fl->l_pid = getpid();
    return {};
  }
  // A read lock needs a descriptor open for reading, a write lock one open
  // for writing (EBADF otherwise, as on Linux).
  auto flags = status_flags(fd);
  if (!flags) return failure(flags.error());
  if (kind == lock_kind::read && !(*flags & O_RDONLY)) return failure(errc::badf);
  if (kind == lock_kind::write && !(*flags & O_WRONLY)) return failure(errc::badf);
  install_close_hook();
  auto r = record_locks.apply(key, process_owner, range->start, range->end, kind);
  // One process holds every record lock of the instance, so a conflict is
  // impossible today; should one arise, F_SETLKW could only wait forever.
  if (!r && r.error() == errc::again && cmd == F_SETLKW) return failure(errc::deadlk);
  return r;
}

result<void> file_lock(int fd, int op) {
  const bool nonblocking = op & LOCK_NB;
  lock_kind kind;
  switch (op & ~LOCK_NB) {
    case LOCK_SH: kind = lock_kind::read; break;
    case LOCK_EX: kind = lock_kind::write; break;
    case LOCK_UN: kind = lock_kind::unlock; break;
    default: return failure(errc::inval);
  }
  auto f = lookup(fd);
  if (!f) return failure(f.error());
  auto file = file_key_of(*f);
  if (!file) return failure(file.error());
  install_close_hook();
  auto r = flock_locks.apply(*file, description_owner(*f), 0, lock_to_eof, kind);
  // The only other holder is this same single-threaded instance: waiting
  // would never end, so a blocking request reports the deadlock instead.
  if (!r && r.error() == errc::again && !nonblocking) return failure(errc::deadlk);
  return r;
}

}  // namespace
}  // namespace wasishim::shim

using namespace wasishim::shim;

extern "C" {

int fcntl(int fd, int cmd, ...) {
  va_list ap;
  va_start(ap, cmd);
  int result_value = -1;
  switch (cmd) {
    case F_GETFD: {
      auto open = status_flags(fd);
      result_value = open ? (fd_cloexec(fd) ? FD_CLOEXEC : 0) : fail(open.error());
      break;
    }
    case F_SETFD: {
      const int arg = va_arg(ap, int);
      auto open = status_flags(fd);
      if (open) {
        fd_set_cloexec(fd, arg & FD_CLOEXEC);
        result_value = 0;
      } else {
        result_value = fail(open.error());
      }
      break;
    }
    case F_GETFL: result_value = to_c(status_flags(fd)); break;
    case F_SETFL: result_value = to_c(set_status_flags(fd, va_arg(ap, int))); break;
    case F_GETLK:
    case F_SETLK:
    case F_SETLKW: result_value = to_c(record_lock(fd, cmd, va_arg(ap, struct flock*))); break;
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
      result_value = to_c(duplicate(fd, va_arg(ap, int), cmd == F_DUPFD_CLOEXEC));
      break;
    default: result_value = fail(errc::inval); break;
  }
  va_end(ap);
  return result_value;
}

int flock(int fd, int op) { return to_c(file_lock(fd, op)); }

}  // extern "C"
