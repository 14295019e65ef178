// Internal interfaces shared by the shim's files (the files named in a
// section are in internal/ unless the section gives a directory). Every function here returns
// sys::result; only the C entry points (the functions with C linkage a
// program calls) turn an error into errno and -1.
#pragma once

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <time.h>

#include "descriptor_table.h"
#include "lock_table.h"
#include "wasishim/posix_errno.h"
#include "wasishim/syscalls.h"

namespace wasishim::shim {

using sys::errc;
using sys::failure;
template <class T>
using result = sys::result<T>;

// The C entries' way out (fail, to_c) is wasishim/posix_errno.h's, shared
// with mmap-emu (named here for the entries that use this namespace); this is
// its form for calls that fail with a null pointer.
using wasishim::fail;
using wasishim::to_c;
template <class T>
inline T* null_with(errc e) {
  fail(e);
  return nullptr;
}

// ---- path resolution (resolve.cpp) ----

// Large enough for any path a program can pass; longer ones are nametoolong.
inline constexpr size_t path_buffer_size = PATH_MAX;

struct resolved_path {
  sys::fd_t dirfd;   // the preopen (or the program's directory descriptor)
  const char* path;  // relative to dirfd, never empty; may end in '/'
  size_t len;
  bool ends_in_dot = false;  // the program's path ended in "." or ".." (see below)
  bool dotdot = false;       // ... and it was ".."
  bool trailing_slash = false;  // the program's path ended in '/'
};

// For a path ending in "." or "..": the directory it names must exist (the
// error is the one looking it up gives: ENOENT, ENOTDIR, ELOOP...). Creating
// or removing such a name then fails as POSIX says; this checks the first part.
result<void> require_existing_directory(const resolved_path& where);

// Directory operations take "dir/" to mean "dir"; some hosts do not.
// `where.path` must be the caller's own copy.
inline void drop_trailing_slashes(resolved_path& where) {
  char* p = const_cast<char*>(where.path);
  while (where.len > 1 && p[where.len - 1] == '/') p[--where.len] = '\0';
}

// Resolves `path` for a *at() call: relative to `dirfd`, or, for AT_FDCWD and
// absolute paths, normalised against the working directory and matched
// against the preopens. `buf` (path_buffer_size bytes) holds the result.
result<resolved_path> resolve_at(int dirfd, const char* path, char* buf);

// The absolute, normalised form of `path` (relative to the working directory)
// in `buf`; the flag says a trailing slash demanded a directory.
result<bool> absolute_path(const char* path, char* buf);

// True when the absolute normalised path is a directory that exists only
// because preopens lie below it ("/" for a "/sandbox" preopen).
bool is_virtual_directory(const char* abs_path);

// The mount table, loaded from fd_prestat_get at first use.
class preopen_table;
preopen_table& preopens();
// What `dirfd` passes on to what is opened beneath it: remembered for a
// preopen after the first ask, so open() on the common path makes one import
// (path_open); asked of the host every time for any other directory.
result<sys::rights_t> inheriting_rights(sys::fd_t dirfd);
// The host refused rights the remembered answer allowed: ask again next time.
void forget_inheriting_rights(sys::fd_t dirfd);

// ---- working directory (cwd.cpp) ----
const char* current_directory();
// chdir's work: `path` becomes the working directory if it names one.
result<void> set_directory(const char* path);

// ---- per-descriptor bookkeeping (fd_table.cpp) ----
void fd_remember_path(int fd, const char* abs_path);
const char* fd_path(int fd);  // null when unknown
void fd_forget(int fd);
bool fd_cloexec(int fd);
void fd_set_cloexec(int fd, bool on);

// ---- descriptors (descriptors.cpp) ----
// What a program descriptor names: a WASI descriptor, its own number or
// (after dup) another one, or a pipe end or a device kept inside the instance.
struct open_file {
  description* d = nullptr;  // null: the WASI descriptor of the same number
  sys::fd_t wasi = 0;        // the WASI descriptor, unless inside the instance
  // A pipe end or a device: no WASI descriptor behind it.
  bool in_instance() const { return d != nullptr && d->kind != description_kind::file; }
  bool is_pipe() const {
    return d != nullptr &&
           (d->kind == description_kind::pipe_read || d->kind == description_kind::pipe_write);
  }
  bool is_device() const { return d != nullptr && d->kind == description_kind::device; }
};
// badf for a number the shim knows names nothing; whether a WASI descriptor
// is open is left to the host to say when it is used.
result<open_file> lookup(int fd);
// The WASI descriptor behind `fd`; a pipe end or a device fails with `for_pipe`.
result<sys::fd_t> wasi_fd(int fd, errc for_pipe);
// The program's number for a WASI descriptor the host just opened: its own
// number, unless a dup or a pipe uses that number.
result<int> number_for_new(sys::fd_t wasi);
// Descriptor numbers stay below this: RLIMIT_NOFILE's soft limit.
int descriptor_limit();
// The lowest number >= `from` naming nothing; mfile when none is below the limit.
result<int> lowest_free_number(int from);
// Whether `fd` names anything now (a WASI descriptor the host has open).
bool names_open_file(int fd);
// Makes `fd` (which must name nothing) another number of `f`'s description,
// with its own FD_CLOEXEC; `f` comes from lookup(`source`).
result<void> alias(const open_file& f, int source, int fd, bool cloexec);
// Closes a program descriptor; the open file description goes with its last one.
result<void> close_fd(int fd);
// (dev, ino) of what `f` names: for locks and fstat.
result<file_key> file_key_of(const open_file& f);
// Owner of flock locks: the open file description.
uint64_t description_owner(const open_file& f);

// dup with F_DUPFD's lower bound (unistd/dup.cpp).
result<int> duplicate(int fd, int from, bool cloexec);

// ---- pipe ends (pipe_ends.cpp) ----
result<size_t> pipe_read(description& d, const struct iovec* iov, int count);
result<size_t> pipe_write(description& d, const struct iovec* iov, int count);
void pipe_stat(const description& d, struct stat* out);
// What poll sees on a pipe end (POLLIN/POLLOUT/POLLHUP/POLLERR bits).
short pipe_poll_events(const description& d);
// The last descriptor of a pipe end went.
void pipe_end_closed(description& d);
// Waits for the interval timer's signal, the only thing that can change a
// pipe while the instance waits: true when a handler ran, false when no
// timer is set (the wait would never end).
result<bool> wait_for_timer_signal();

// ---- devices without a preopen (devices.cpp) ----
// /dev/null, /dev/zero, /dev/full, /dev/random, /dev/urandom, and
// /dev/stdin, /dev/stdout, /dev/stderr, /dev/fd/N, when no preopen holds the
// name. Asked only when may_be_builtin says so: resolve_at failed with noent
// and left `abs`, the normalised absolute form of the program's `path`, in its
// buffer. Any other name is noent.
bool may_be_builtin(int dirfd, const char* path, errc resolve_error);
result<int> open_builtin(const char* path, const char* abs, int oflag);
result<sys::filestat> stat_builtin(const char* path, const char* abs);
// The descriptor /dev/stdin ... /dev/fd/N names, or -1.
int builtin_stream(const char* abs);
result<size_t> device_read(const description& d, const struct iovec* iov, int count);
result<size_t> device_write(const description& d, const struct iovec* iov, int count);
sys::filestat device_filestat(device_kind kind);
// st_dev of every device the shim provides.
inline constexpr uint64_t builtin_device = UINT64_MAX - 2;
// The device number Linux gives it (major 1, "mem" devices).
dev_t device_rdev(uint64_t ino);

result<int> open_at(int dirfd, const char* path, int oflag, mode_t mode);
// Called by close() before a descriptor goes (`last`: its open file
// description goes too); set by fcntl/fcntl.cpp once a lock was taken, so programs
// without locks never link the lock code.
extern void (*close_lock_hook)(const open_file& f, bool last);

// ---- temporary files (stdlib/mkstemp.cpp) ----
// mkstemp's work, for tmpfile too: opens a new file named by `tmpl` with its
// six trailing X's replaced, O_RDWR | O_CREAT | O_EXCL | `extra_flags`.
result<int> make_temporary_file(char* tmpl, int extra_flags);

// ---- the instance's one user (users.cpp) ----
// Named from the environment as a login shell would set it: USER (else
// LOGNAME, else "root"), HOME (else "/"), SHELL (else "/bin/sh").
const char* user_name();
const char* user_home();
const char* user_shell();
// Copies `s` into the caller's buffer for the getpw*_r and getgr*_r calls.
bool place_string(const char* s, char*& buf, size_t& left, char** out);
// Supplementary groups: the user's own, unless setgroups changed the list.
inline constexpr int max_supplementary_groups = 32;
struct group_list {
  gid_t ids[max_supplementary_groups];
  int count;
};
group_list& supplementary_groups();

// ---- terminals (terminal.cpp) ----
// notty unless `fd` is the host's terminal (badf if it names nothing).
result<void> require_terminal(int fd);

// ---- read-only directories (read_only.cpp) ----
// A directory that passes no write right on: a host's read-only preopen.
bool is_read_only_directory(sys::fd_t dirfd);
// What Linux answers on a read-only mount for open(`oflag`) of `where`: an
// error, or the flags to open with (O_CREAT dropped for a name that exists).
result<int> check_open_on_read_only(const resolved_path& where, int oflag,
                                    sys::lookupflags lookup);
// access(W_OK) of `path`: EROFS beneath a read-only directory.
result<void> check_write_access_on_read_only(int dirfd, const char* path);

// ---- removing names (unistd/unlink.cpp, unistd/rmdir.cpp) ----
result<void> unlink_file(int dirfd, const char* path);
result<void> remove_directory(int dirfd, const char* path);

// ---- metadata (sys_stat/stat.cpp) ----
void to_posix_stat(const sys::filestat& in, struct stat* out);
result<sys::filestat> stat_at(int dirfd, const char* path, bool follow);
// utimensat's work (sys_stat/utimensat.cpp), for utime and utimes too.
result<void> utimens_at(int dirfd, const char* path, const struct timespec times[2], int flag);

// ---- permissions (permissions.cpp) ----
// The permission bits the shim reports for a file: those chmod or a creating
// call recorded in this instance, else a default by type.
mode_t permission_bits(file_key file, sys::filetype type);
// Records the bits of a file this instance just created (mode & ~umask).
void record_created(file_key file, mode_t requested);
// umask's work: the new mask, returning the old one.
mode_t set_creation_mask(mode_t mask);
// chmod's and chown's work: record new bits or a new owner for the file.
result<void> change_mode(const sys::filestat& st, mode_t mode);
result<void> change_owner(const sys::filestat& st, uid_t uid, gid_t gid);
// The owner the shim reports for a file: what chown recorded, else the
// instance's own uid and gid.
void file_owner(file_key file, uid_t* uid, gid_t* gid);

}  // namespace wasishim::shim
