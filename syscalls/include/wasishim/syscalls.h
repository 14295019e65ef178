// Typed C++ bindings of the 46 wasi_snapshot_preview1 imports.
//
// Freestanding on purpose: the guest libraries link into plain C programs with
// no C++ runtime and may replace parts of libc, so this header depends on
// nothing but <stddef.h>, <stdint.h> and wasishim/wasi_abi.h (the errno and
// rights numbers, generated from <wasi/api.h> at configure time; the header
// itself never includes <wasi/api.h>). It is the only place in wasishim that
// names the imports.
//
// Types and values mirror the preview1 ABI exactly; tests/abi_check.cpp proves
// it against <wasi/api.h>. Each call returns result<T>: the value, or the errc
// the host reported.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "wasishim/wasi_abi.h"

namespace wasishim::sys {

// Scalar types of the ABI.
using fd_t = uint32_t;
using filesize_t = uint64_t;
using filedelta_t = int64_t;
using timestamp_t = uint64_t;
using dircookie_t = uint64_t;
using dirnamlen_t = uint32_t;
using inode_t = uint64_t;
using device_t = uint64_t;
using linkcount_t = uint64_t;
using userdata_t = uint64_t;
using exitcode_t = uint32_t;
using rights_t = uint64_t;

inline constexpr dircookie_t dircookie_start = 0;

// Error codes, as <wasi/api.h> numbers them (wasishim/wasi_abi.h is
// generated from it). `2big` is not an identifier, so it is spelled toobig.
enum class errc : uint16_t {
#define WASISHIM_ERRC(id, name, value) id = value,
  WASISHIM_WASI_ERRNOS(WASISHIM_ERRC)
#undef WASISHIM_ERRC
};

// The spec's short name ("badf", "noent", "2big"); "unknown" for a value the
// spec does not define, so a bogus code from a host still prints.
const char* errc_name(errc code);

// Enumerations.
enum class clockid : uint32_t {
  realtime = 0,
  monotonic = 1,
  process_cputime_id = 2,
  thread_cputime_id = 3,
};

enum class whence : uint8_t {
  set = 0,
  cur = 1,
  end = 2,
};

enum class filetype : uint8_t {
  unknown = 0,
  block_device = 1,
  character_device = 2,
  directory = 3,
  regular_file = 4,
  socket_dgram = 5,
  socket_stream = 6,
  symbolic_link = 7,
};

enum class advice : uint8_t {
  normal = 0,
  sequential = 1,
  random = 2,
  willneed = 3,
  dontneed = 4,
  noreuse = 5,
};

enum class eventtype : uint8_t {
  clock = 0,
  fd_read = 1,
  fd_write = 2,
};

enum class preopentype : uint8_t {
  dir = 0,
};

// `int` is a keyword, so that one signal is spelled int_.
enum class signal : uint8_t {
  none = 0,
  hup = 1,
  int_ = 2,
  quit = 3,
  ill = 4,
  trap = 5,
  abrt = 6,
  bus = 7,
  fpe = 8,
  kill = 9,
  usr1 = 10,
  segv = 11,
  usr2 = 12,
  pipe = 13,
  alrm = 14,
  term = 15,
  chld = 16,
  cont = 17,
  stop = 18,
  tstp = 19,
  ttin = 20,
  ttou = 21,
  urg = 22,
  xcpu = 23,
  xfsz = 24,
  vtalrm = 25,
  prof = 26,
  winch = 27,
  poll = 28,
  pwr = 29,
  sys = 30,
};

// Rights are plain 64-bit masks: hosts and wasi-libc pass them around as
// whole words, and code often builds them from fdstat fields.
namespace rights {
#define WASISHIM_RIGHT(id, bit) inline constexpr rights_t id = rights_t{1} << (bit);
WASISHIM_WASI_RIGHTS(WASISHIM_RIGHT)
#undef WASISHIM_RIGHT
}  // namespace rights

// Flag sets. Each is its own type so that, say, oflags and fdflags (both
// 16-bit, adjacent in path_open) cannot be swapped silently.
enum class fdflags : uint16_t {
  append = 1 << 0,
  dsync = 1 << 1,
  nonblock = 1 << 2,
  rsync = 1 << 3,
  sync = 1 << 4,
};

enum class fstflags : uint16_t {
  atim = 1 << 0,
  atim_now = 1 << 1,
  mtim = 1 << 2,
  mtim_now = 1 << 3,
};

enum class lookupflags : uint32_t {
  symlink_follow = 1 << 0,
};

enum class oflags : uint16_t {
  creat = 1 << 0,
  directory = 1 << 1,
  excl = 1 << 2,
  trunc = 1 << 3,
};

enum class eventrwflags : uint16_t {
  fd_readwrite_hangup = 1 << 0,
};

enum class subclockflags : uint16_t {
  subscription_clock_abstime = 1 << 0,
};

enum class riflags : uint16_t {
  recv_peek = 1 << 0,
  recv_waitall = 1 << 1,
};

enum class roflags : uint16_t {
  recv_data_truncated = 1 << 0,
};

// The spec defines no send flags yet; siflags{} is the only valid value.
enum class siflags : uint16_t {};

enum class sdflags : uint8_t {
  rd = 1 << 0,
  wr = 1 << 1,
};

namespace detail {
// Deduced return type: GCC cannot mangle __underlying_type in a signature.
template <class E>
constexpr auto abi(E value) {
  return static_cast<__underlying_type(E)>(value);
}

template <class E>
inline constexpr bool is_flag_set = false;
template <> inline constexpr bool is_flag_set<fdflags> = true;
template <> inline constexpr bool is_flag_set<fstflags> = true;
template <> inline constexpr bool is_flag_set<lookupflags> = true;
template <> inline constexpr bool is_flag_set<oflags> = true;
template <> inline constexpr bool is_flag_set<eventrwflags> = true;
template <> inline constexpr bool is_flag_set<subclockflags> = true;
template <> inline constexpr bool is_flag_set<riflags> = true;
template <> inline constexpr bool is_flag_set<roflags> = true;
template <> inline constexpr bool is_flag_set<siflags> = true;
template <> inline constexpr bool is_flag_set<sdflags> = true;
}  // namespace detail

// Bit operators for the flag sets; an empty set is written fdflags{}.
template <class E>
  requires detail::is_flag_set<E>
constexpr E operator|(E a, E b) {
  return static_cast<E>(detail::abi(a) | detail::abi(b));
}
template <class E>
  requires detail::is_flag_set<E>
constexpr E operator&(E a, E b) {
  return static_cast<E>(detail::abi(a) & detail::abi(b));
}
template <class E>
  requires detail::is_flag_set<E>
constexpr E operator^(E a, E b) {
  return static_cast<E>(detail::abi(a) ^ detail::abi(b));
}
template <class E>
  requires detail::is_flag_set<E>
constexpr E operator~(E a) {
  return static_cast<E>(static_cast<decltype(detail::abi(a))>(~detail::abi(a)));
}
template <class E>
  requires detail::is_flag_set<E>
constexpr E& operator|=(E& a, E b) {
  return a = a | b;
}
template <class E>
  requires detail::is_flag_set<E>
constexpr E& operator&=(E& a, E b) {
  return a = a & b;
}
template <class E>
  requires detail::is_flag_set<E>
constexpr E& operator^=(E& a, E b) {
  return a = a ^ b;
}
// True when every bit of `bits` is set in `set`.
template <class E>
  requires detail::is_flag_set<E>
constexpr bool has(E set, E bits) {
  return (detail::abi(set) & detail::abi(bits)) == detail::abi(bits);
}

// Structures, laid out as the ABI lays them out.
struct iovec {
  void* buf;
  size_t buf_len;
};

struct ciovec {
  const void* buf;
  size_t buf_len;
};

// fd_readdir fills its buffer with these, each followed by d_namlen name bytes.
struct dirent {
  dircookie_t d_next;
  inode_t d_ino;
  dirnamlen_t d_namlen;
  filetype d_type;
};
static_assert(sizeof(dirent) == 24 && alignof(dirent) == 8);
static_assert(offsetof(dirent, d_next) == 0);
static_assert(offsetof(dirent, d_ino) == 8);
static_assert(offsetof(dirent, d_namlen) == 16);
static_assert(offsetof(dirent, d_type) == 20);

struct fdstat {
  filetype fs_filetype;
  fdflags fs_flags;
  rights_t fs_rights_base;
  rights_t fs_rights_inheriting;
};
static_assert(sizeof(fdstat) == 24 && alignof(fdstat) == 8);
static_assert(offsetof(fdstat, fs_filetype) == 0);
static_assert(offsetof(fdstat, fs_flags) == 2);
static_assert(offsetof(fdstat, fs_rights_base) == 8);
static_assert(offsetof(fdstat, fs_rights_inheriting) == 16);

struct filestat {
  device_t dev;
  inode_t ino;
  sys::filetype filetype;  // qualified: the member reuses the type's name
  linkcount_t nlink;
  filesize_t size;
  timestamp_t atim;
  timestamp_t mtim;
  timestamp_t ctim;
};
static_assert(sizeof(filestat) == 64 && alignof(filestat) == 8);
static_assert(offsetof(filestat, dev) == 0);
static_assert(offsetof(filestat, ino) == 8);
static_assert(offsetof(filestat, filetype) == 16);
static_assert(offsetof(filestat, nlink) == 24);
static_assert(offsetof(filestat, size) == 32);
static_assert(offsetof(filestat, atim) == 40);
static_assert(offsetof(filestat, mtim) == 48);
static_assert(offsetof(filestat, ctim) == 56);

struct subscription_clock {
  clockid id;
  timestamp_t timeout;
  timestamp_t precision;
  subclockflags flags;
};
static_assert(sizeof(subscription_clock) == 32 && alignof(subscription_clock) == 8);
static_assert(offsetof(subscription_clock, id) == 0);
static_assert(offsetof(subscription_clock, timeout) == 8);
static_assert(offsetof(subscription_clock, precision) == 16);
static_assert(offsetof(subscription_clock, flags) == 24);

struct subscription_fd_readwrite {
  fd_t file_descriptor;
};
static_assert(sizeof(subscription_fd_readwrite) == 4 && alignof(subscription_fd_readwrite) == 4);

union subscription_u {
  subscription_clock clock;
  subscription_fd_readwrite fd_read;
  subscription_fd_readwrite fd_write;
};
static_assert(sizeof(subscription_u) == 32 && alignof(subscription_u) == 8);

// The spec's tagged union (tag, then payload) is flattened into `type` and
// `u`; the bytes are the same.
struct subscription {
  userdata_t userdata;
  eventtype type;
  subscription_u u;
};
static_assert(sizeof(subscription) == 48 && alignof(subscription) == 8);
static_assert(offsetof(subscription, userdata) == 0);
static_assert(offsetof(subscription, type) == 8);
static_assert(offsetof(subscription, u) == 16);

struct event_fd_readwrite {
  filesize_t nbytes;
  eventrwflags flags;
};
static_assert(sizeof(event_fd_readwrite) == 16 && alignof(event_fd_readwrite) == 8);
static_assert(offsetof(event_fd_readwrite, nbytes) == 0);
static_assert(offsetof(event_fd_readwrite, flags) == 8);

struct event {
  userdata_t userdata;
  errc error;
  eventtype type;
  event_fd_readwrite fd_readwrite;
};
static_assert(sizeof(event) == 32 && alignof(event) == 8);
static_assert(offsetof(event, userdata) == 0);
static_assert(offsetof(event, error) == 8);
static_assert(offsetof(event, type) == 10);
static_assert(offsetof(event, fd_readwrite) == 16);

struct prestat_dir {
  size_t pr_name_len;
};

// Tagged union, flattened like subscription.
struct prestat {
  preopentype type;
  union {
    prestat_dir dir;
  } u;
};

// These three hold pointers or sizes, so only wasm32 has the ABI's layout.
// The rest of the header is target-neutral, so that pure logic speaking errc
// and result<> can be unit-tested natively.
#if defined(__wasm32__)
static_assert(sizeof(iovec) == 8 && alignof(iovec) == 4);
static_assert(offsetof(iovec, buf) == 0);
static_assert(offsetof(iovec, buf_len) == 4);
static_assert(sizeof(ciovec) == 8 && alignof(ciovec) == 4);
static_assert(offsetof(ciovec, buf) == 0);
static_assert(offsetof(ciovec, buf_len) == 4);
static_assert(sizeof(prestat) == 8 && alignof(prestat) == 4);
static_assert(offsetof(prestat, type) == 0);
static_assert(offsetof(prestat, u) == 4);
#endif

// Values returned by calls that produce two numbers.
struct string_list_sizes {
  size_t count;     // number of strings
  size_t buf_size;  // bytes of all strings, NUL terminators included
};

struct received {
  size_t size;
  roflags flags;
};

// The error side of a result. It refuses errc::success, because a failure
// that says "no error" would make ok() and error() disagree.
class failure {
 public:
  constexpr explicit failure(errc code) : code_(code) {
    if (code == errc::success) __builtin_trap();
  }
  constexpr errc code() const { return code_; }

 private:
  errc code_;
};

// A value or an errc, like std::expected but with no exceptions and no
// library. T must be default-constructible. Errors are made only from a
// `failure`, so result<size_t>{errc::badf} does not compile and no integer
// can be mistaken for an error.
template <class T>
class [[nodiscard]] result {
 public:
  using value_type = T;

  constexpr result(const T& value) : value_(value) {}
  constexpr result(T&& value) : value_(static_cast<T&&>(value)) {}
  constexpr result(failure fail) : value_(), error_(fail.code()) {}

  constexpr bool ok() const { return error_ == errc::success; }
  constexpr explicit operator bool() const { return ok(); }
  // errc::success when ok().
  constexpr errc error() const { return error_; }

  // Checked: traps on an error, since there is nothing to throw.
  constexpr T& value() & {
    check();
    return value_;
  }
  constexpr const T& value() const& {
    check();
    return value_;
  }
  constexpr T&& value() && {
    check();
    return static_cast<T&&>(value_);
  }
  constexpr T value_or(T fallback) const { return ok() ? value_ : fallback; }

  // Unchecked, for code that has just tested ok().
  constexpr T& operator*() & { return value_; }
  constexpr const T& operator*() const& { return value_; }
  constexpr T* operator->() { return &value_; }
  constexpr const T* operator->() const { return &value_; }

 private:
  constexpr void check() const {
    if (!ok()) __builtin_trap();
  }

  T value_;
  errc error_ = errc::success;
};

template <>
class [[nodiscard]] result<void> {
 public:
  using value_type = void;

  constexpr result() = default;
  constexpr result(failure fail) : error_(fail.code()) {}

  constexpr bool ok() const { return error_ == errc::success; }
  constexpr explicit operator bool() const { return ok(); }
  constexpr errc error() const { return error_; }
  constexpr void value() const {
    if (!ok()) __builtin_trap();
  }

 private:
  errc error_ = errc::success;
};

namespace detail {
constexpr result<void> to_result(uint16_t code) {
  if (code != 0) return failure(static_cast<errc>(code));
  return {};
}

template <class T>
constexpr result<T> to_result(uint16_t code, const T& value) {
  if (code != 0) return failure(static_cast<errc>(code));
  return value;
}
}  // namespace detail

#if defined(__wasm32__)

// The raw imports: ABI integers and pointers in, errno out. Small enums and
// flags travel as their exact-width integers; clang widens them to i32 as the
// core wasm signature requires.
#define WASISHIM_SYS_IMPORT(name) \
  __attribute__((import_module("wasi_snapshot_preview1"), import_name(#name)))

extern "C" {
// Arguments and environment.
[[nodiscard]] WASISHIM_SYS_IMPORT(args_get)
uint16_t __wasishim_sys_args_get(char** argv, char* argv_buf);
[[nodiscard]] WASISHIM_SYS_IMPORT(args_sizes_get)
uint16_t __wasishim_sys_args_sizes_get(size_t* argc, size_t* argv_buf_size);
[[nodiscard]] WASISHIM_SYS_IMPORT(environ_get)
uint16_t __wasishim_sys_environ_get(char** env, char* env_buf);
[[nodiscard]] WASISHIM_SYS_IMPORT(environ_sizes_get)
uint16_t __wasishim_sys_environ_sizes_get(size_t* count, size_t* buf_size);

// Clocks.
[[nodiscard]] WASISHIM_SYS_IMPORT(clock_res_get)
uint16_t __wasishim_sys_clock_res_get(uint32_t id, timestamp_t* resolution);
[[nodiscard]] WASISHIM_SYS_IMPORT(clock_time_get)
uint16_t __wasishim_sys_clock_time_get(uint32_t id, timestamp_t precision, timestamp_t* time);

// File descriptors.
[[nodiscard]] WASISHIM_SYS_IMPORT(fd_advise)
uint16_t __wasishim_sys_fd_advise(fd_t fd, filesize_t offset, filesize_t len, uint8_t advice);
[[nodiscard]] WASISHIM_SYS_IMPORT(fd_allocate)
uint16_t __wasishim_sys_fd_allocate(fd_t fd, filesize_t offset, filesize_t len);
[[nodiscard]] WASISHIM_SYS_IMPORT(fd_close)
uint16_t __wasishim_sys_fd_close(fd_t fd);
[[nodiscard]] WASISHIM_SYS_IMPORT(fd_datasync)
uint16_t __wasishim_sys_fd_datasync(fd_t fd);
[[nodiscard]] WASISHIM_SYS_IMPORT(fd_fdstat_get)
uint16_t __wasishim_sys_fd_fdstat_get(fd_t fd, fdstat* stat);
[[nodiscard]] WASISHIM_SYS_IMPORT(fd_fdstat_set_flags)
uint16_t __wasishim_sys_fd_fdstat_set_flags(fd_t fd, uint16_t flags);
[[nodiscard]] WASISHIM_SYS_IMPORT(fd_fdstat_set_rights)
uint16_t __wasishim_sys_fd_fdstat_set_rights(fd_t fd, rights_t base, rights_t inheriting);
[[nodiscard]] WASISHIM_SYS_IMPORT(fd_filestat_get)
uint16_t __wasishim_sys_fd_filestat_get(fd_t fd, filestat* stat);
[[nodiscard]] WASISHIM_SYS_IMPORT(fd_filestat_set_size)
uint16_t __wasishim_sys_fd_filestat_set_size(fd_t fd, filesize_t size);
[[nodiscard]] WASISHIM_SYS_IMPORT(fd_filestat_set_times)
uint16_t __wasishim_sys_fd_filestat_set_times(fd_t fd, timestamp_t atim, timestamp_t mtim,
                                              uint16_t fst_flags);
[[nodiscard]] WASISHIM_SYS_IMPORT(fd_pread)
uint16_t __wasishim_sys_fd_pread(fd_t fd, const iovec* iovs, size_t iovs_len, filesize_t offset,
                                 size_t* nread);
[[nodiscard]] WASISHIM_SYS_IMPORT(fd_prestat_get)
uint16_t __wasishim_sys_fd_prestat_get(fd_t fd, prestat* stat);
[[nodiscard]] WASISHIM_SYS_IMPORT(fd_prestat_dir_name)
uint16_t __wasishim_sys_fd_prestat_dir_name(fd_t fd, char* path, size_t path_len);
[[nodiscard]] WASISHIM_SYS_IMPORT(fd_pwrite)
uint16_t __wasishim_sys_fd_pwrite(fd_t fd, const ciovec* iovs, size_t iovs_len,
                                  filesize_t offset, size_t* nwritten);
[[nodiscard]] WASISHIM_SYS_IMPORT(fd_read)
uint16_t __wasishim_sys_fd_read(fd_t fd, const iovec* iovs, size_t iovs_len, size_t* nread);
[[nodiscard]] WASISHIM_SYS_IMPORT(fd_readdir)
uint16_t __wasishim_sys_fd_readdir(fd_t fd, void* buf, size_t buf_len, dircookie_t cookie,
                                   size_t* bufused);
[[nodiscard]] WASISHIM_SYS_IMPORT(fd_renumber)
uint16_t __wasishim_sys_fd_renumber(fd_t fd, fd_t to);
[[nodiscard]] WASISHIM_SYS_IMPORT(fd_seek)
uint16_t __wasishim_sys_fd_seek(fd_t fd, filedelta_t offset, uint8_t whence,
                                filesize_t* newoffset);
[[nodiscard]] WASISHIM_SYS_IMPORT(fd_sync)
uint16_t __wasishim_sys_fd_sync(fd_t fd);
[[nodiscard]] WASISHIM_SYS_IMPORT(fd_tell)
uint16_t __wasishim_sys_fd_tell(fd_t fd, filesize_t* offset);
[[nodiscard]] WASISHIM_SYS_IMPORT(fd_write)
uint16_t __wasishim_sys_fd_write(fd_t fd, const ciovec* iovs, size_t iovs_len, size_t* nwritten);

// Paths, each given as pointer and length: the ABI needs no NUL terminator.
[[nodiscard]] WASISHIM_SYS_IMPORT(path_create_directory)
uint16_t __wasishim_sys_path_create_directory(fd_t fd, const char* path, size_t path_len);
[[nodiscard]] WASISHIM_SYS_IMPORT(path_filestat_get)
uint16_t __wasishim_sys_path_filestat_get(fd_t fd, uint32_t flags, const char* path,
                                          size_t path_len, filestat* stat);
[[nodiscard]] WASISHIM_SYS_IMPORT(path_filestat_set_times)
uint16_t __wasishim_sys_path_filestat_set_times(fd_t fd, uint32_t flags, const char* path,
                                                size_t path_len, timestamp_t atim,
                                                timestamp_t mtim, uint16_t fst_flags);
[[nodiscard]] WASISHIM_SYS_IMPORT(path_link)
uint16_t __wasishim_sys_path_link(fd_t old_fd, uint32_t old_flags, const char* old_path,
                                  size_t old_path_len, fd_t new_fd, const char* new_path,
                                  size_t new_path_len);
[[nodiscard]] WASISHIM_SYS_IMPORT(path_open)
uint16_t __wasishim_sys_path_open(fd_t fd, uint32_t dirflags, const char* path, size_t path_len,
                                  uint16_t oflags, rights_t rights_base,
                                  rights_t rights_inheriting, uint16_t fdflags, fd_t* opened);
[[nodiscard]] WASISHIM_SYS_IMPORT(path_readlink)
uint16_t __wasishim_sys_path_readlink(fd_t fd, const char* path, size_t path_len, char* buf,
                                      size_t buf_len, size_t* bufused);
[[nodiscard]] WASISHIM_SYS_IMPORT(path_remove_directory)
uint16_t __wasishim_sys_path_remove_directory(fd_t fd, const char* path, size_t path_len);
[[nodiscard]] WASISHIM_SYS_IMPORT(path_rename)
uint16_t __wasishim_sys_path_rename(fd_t fd, const char* old_path, size_t old_path_len,
                                    fd_t new_fd, const char* new_path, size_t new_path_len);
[[nodiscard]] WASISHIM_SYS_IMPORT(path_symlink)
uint16_t __wasishim_sys_path_symlink(const char* old_path, size_t old_path_len, fd_t fd,
                                     const char* new_path, size_t new_path_len);
[[nodiscard]] WASISHIM_SYS_IMPORT(path_unlink_file)
uint16_t __wasishim_sys_path_unlink_file(fd_t fd, const char* path, size_t path_len);

// Polling, process, scheduling, randomness.
[[nodiscard]] WASISHIM_SYS_IMPORT(poll_oneoff)
uint16_t __wasishim_sys_poll_oneoff(const subscription* in, event* out, size_t nsubscriptions,
                                    size_t* nevents);
[[noreturn]] WASISHIM_SYS_IMPORT(proc_exit)
void __wasishim_sys_proc_exit(exitcode_t rval);
[[nodiscard]] WASISHIM_SYS_IMPORT(proc_raise)
uint16_t __wasishim_sys_proc_raise(uint8_t sig);
[[nodiscard]] WASISHIM_SYS_IMPORT(sched_yield)
uint16_t __wasishim_sys_sched_yield();
[[nodiscard]] WASISHIM_SYS_IMPORT(random_get)
uint16_t __wasishim_sys_random_get(void* buf, size_t buf_len);

// Sockets (already open; preview1 cannot create them).
[[nodiscard]] WASISHIM_SYS_IMPORT(sock_accept)
uint16_t __wasishim_sys_sock_accept(fd_t fd, uint16_t flags, fd_t* accepted);
[[nodiscard]] WASISHIM_SYS_IMPORT(sock_recv)
uint16_t __wasishim_sys_sock_recv(fd_t fd, const iovec* ri_data, size_t ri_data_len,
                                  uint16_t ri_flags, size_t* ro_datalen, uint16_t* ro_flags);
[[nodiscard]] WASISHIM_SYS_IMPORT(sock_send)
uint16_t __wasishim_sys_sock_send(fd_t fd, const ciovec* si_data, size_t si_data_len,
                                  uint16_t si_flags, size_t* so_datalen);
[[nodiscard]] WASISHIM_SYS_IMPORT(sock_shutdown)
uint16_t __wasishim_sys_sock_shutdown(fd_t fd, uint8_t how);
}  // extern "C"

#undef WASISHIM_SYS_IMPORT

// Typed wrappers, one per import, in the same order. Out-parameters become
// the result's value; each errno is read before the out-value is used.

// Arguments and environment.
inline result<void> args_get(char** argv, char* argv_buf) {
  return detail::to_result(__wasishim_sys_args_get(argv, argv_buf));
}

inline result<string_list_sizes> args_sizes_get() {
  string_list_sizes sizes{};
  const uint16_t code = __wasishim_sys_args_sizes_get(&sizes.count, &sizes.buf_size);
  return detail::to_result(code, sizes);
}

inline result<void> environ_get(char** env, char* env_buf) {
  return detail::to_result(__wasishim_sys_environ_get(env, env_buf));
}

inline result<string_list_sizes> environ_sizes_get() {
  string_list_sizes sizes{};
  const uint16_t code = __wasishim_sys_environ_sizes_get(&sizes.count, &sizes.buf_size);
  return detail::to_result(code, sizes);
}

// Clocks.
inline result<timestamp_t> clock_res_get(clockid id) {
  timestamp_t resolution = 0;
  const uint16_t code = __wasishim_sys_clock_res_get(detail::abi(id), &resolution);
  return detail::to_result(code, resolution);
}

inline result<timestamp_t> clock_time_get(clockid id, timestamp_t precision) {
  timestamp_t time = 0;
  const uint16_t code = __wasishim_sys_clock_time_get(detail::abi(id), precision, &time);
  return detail::to_result(code, time);
}

// File descriptors.
inline result<void> fd_advise(fd_t fd, filesize_t offset, filesize_t len, advice how) {
  return detail::to_result(__wasishim_sys_fd_advise(fd, offset, len, detail::abi(how)));
}

inline result<void> fd_allocate(fd_t fd, filesize_t offset, filesize_t len) {
  return detail::to_result(__wasishim_sys_fd_allocate(fd, offset, len));
}

inline result<void> fd_close(fd_t fd) {
  return detail::to_result(__wasishim_sys_fd_close(fd));
}

inline result<void> fd_datasync(fd_t fd) {
  return detail::to_result(__wasishim_sys_fd_datasync(fd));
}

inline result<fdstat> fd_fdstat_get(fd_t fd) {
  fdstat stat{};
  const uint16_t code = __wasishim_sys_fd_fdstat_get(fd, &stat);
  return detail::to_result(code, stat);
}

inline result<void> fd_fdstat_set_flags(fd_t fd, fdflags flags) {
  return detail::to_result(__wasishim_sys_fd_fdstat_set_flags(fd, detail::abi(flags)));
}

inline result<void> fd_fdstat_set_rights(fd_t fd, rights_t base, rights_t inheriting) {
  return detail::to_result(__wasishim_sys_fd_fdstat_set_rights(fd, base, inheriting));
}

inline result<filestat> fd_filestat_get(fd_t fd) {
  filestat stat{};
  const uint16_t code = __wasishim_sys_fd_filestat_get(fd, &stat);
  return detail::to_result(code, stat);
}

inline result<void> fd_filestat_set_size(fd_t fd, filesize_t size) {
  return detail::to_result(__wasishim_sys_fd_filestat_set_size(fd, size));
}

inline result<void> fd_filestat_set_times(fd_t fd, timestamp_t atim, timestamp_t mtim,
                                          fstflags which) {
  return detail::to_result(
      __wasishim_sys_fd_filestat_set_times(fd, atim, mtim, detail::abi(which)));
}

inline result<size_t> fd_pread(fd_t fd, const iovec* iovs, size_t iovs_len, filesize_t offset) {
  size_t nread = 0;
  const uint16_t code = __wasishim_sys_fd_pread(fd, iovs, iovs_len, offset, &nread);
  return detail::to_result(code, nread);
}

inline result<prestat> fd_prestat_get(fd_t fd) {
  prestat stat{};
  const uint16_t code = __wasishim_sys_fd_prestat_get(fd, &stat);
  return detail::to_result(code, stat);
}

// Fills exactly prestat::u.dir.pr_name_len bytes, with no NUL terminator.
inline result<void> fd_prestat_dir_name(fd_t fd, char* buf, size_t len) {
  return detail::to_result(__wasishim_sys_fd_prestat_dir_name(fd, buf, len));
}

inline result<size_t> fd_pwrite(fd_t fd, const ciovec* iovs, size_t iovs_len,
                                filesize_t offset) {
  size_t nwritten = 0;
  const uint16_t code = __wasishim_sys_fd_pwrite(fd, iovs, iovs_len, offset, &nwritten);
  return detail::to_result(code, nwritten);
}

inline result<size_t> fd_read(fd_t fd, const iovec* iovs, size_t iovs_len) {
  size_t nread = 0;
  const uint16_t code = __wasishim_sys_fd_read(fd, iovs, iovs_len, &nread);
  return detail::to_result(code, nread);
}

// Returns the bytes used; fewer than `len` means the end of the directory was
// reached. The last entry may be cut short when the buffer is too small.
inline result<size_t> fd_readdir(fd_t fd, void* buf, size_t len, dircookie_t cookie) {
  size_t used = 0;
  const uint16_t code = __wasishim_sys_fd_readdir(fd, buf, len, cookie, &used);
  return detail::to_result(code, used);
}

inline result<void> fd_renumber(fd_t fd, fd_t to) {
  return detail::to_result(__wasishim_sys_fd_renumber(fd, to));
}

inline result<filesize_t> fd_seek(fd_t fd, filedelta_t offset, whence from) {
  filesize_t position = 0;
  const uint16_t code = __wasishim_sys_fd_seek(fd, offset, detail::abi(from), &position);
  return detail::to_result(code, position);
}

inline result<void> fd_sync(fd_t fd) {
  return detail::to_result(__wasishim_sys_fd_sync(fd));
}

inline result<filesize_t> fd_tell(fd_t fd) {
  filesize_t position = 0;
  const uint16_t code = __wasishim_sys_fd_tell(fd, &position);
  return detail::to_result(code, position);
}

inline result<size_t> fd_write(fd_t fd, const ciovec* iovs, size_t iovs_len) {
  size_t nwritten = 0;
  const uint16_t code = __wasishim_sys_fd_write(fd, iovs, iovs_len, &nwritten);
  return detail::to_result(code, nwritten);
}

// Paths, relative to a directory descriptor, as pointer and length.
inline result<void> path_create_directory(fd_t dirfd, const char* path, size_t path_len) {
  return detail::to_result(__wasishim_sys_path_create_directory(dirfd, path, path_len));
}

inline result<filestat> path_filestat_get(fd_t dirfd, lookupflags flags, const char* path,
                                          size_t path_len) {
  filestat stat{};
  const uint16_t code =
      __wasishim_sys_path_filestat_get(dirfd, detail::abi(flags), path, path_len, &stat);
  return detail::to_result(code, stat);
}

inline result<void> path_filestat_set_times(fd_t dirfd, lookupflags flags, const char* path,
                                            size_t path_len, timestamp_t atim, timestamp_t mtim,
                                            fstflags which) {
  return detail::to_result(__wasishim_sys_path_filestat_set_times(
      dirfd, detail::abi(flags), path, path_len, atim, mtim, detail::abi(which)));
}

inline result<void> path_link(fd_t old_dirfd, lookupflags old_flags, const char* old_path,
                              size_t old_path_len, fd_t new_dirfd, const char* new_path,
                              size_t new_path_len) {
  return detail::to_result(__wasishim_sys_path_link(old_dirfd, detail::abi(old_flags), old_path,
                                                    old_path_len, new_dirfd, new_path,
                                                    new_path_len));
}

inline result<fd_t> path_open(fd_t dirfd, lookupflags dirflags, const char* path,
                              size_t path_len, oflags open_flags, rights_t rights_base,
                              rights_t rights_inheriting, fdflags fd_flags) {
  fd_t opened = 0;
  const uint16_t code = __wasishim_sys_path_open(
      dirfd, detail::abi(dirflags), path, path_len, detail::abi(open_flags), rights_base,
      rights_inheriting, detail::abi(fd_flags), &opened);
  return detail::to_result(code, opened);
}

// Returns the bytes placed in `buf`, with no NUL terminator; a result equal to
// `buf_len` may mean the target was truncated.
inline result<size_t> path_readlink(fd_t dirfd, const char* path, size_t path_len, char* buf,
                                    size_t buf_len) {
  size_t used = 0;
  const uint16_t code =
      __wasishim_sys_path_readlink(dirfd, path, path_len, buf, buf_len, &used);
  return detail::to_result(code, used);
}

inline result<void> path_remove_directory(fd_t dirfd, const char* path, size_t path_len) {
  return detail::to_result(__wasishim_sys_path_remove_directory(dirfd, path, path_len));
}

inline result<void> path_rename(fd_t old_dirfd, const char* old_path, size_t old_path_len,
                                fd_t new_dirfd, const char* new_path, size_t new_path_len) {
  return detail::to_result(__wasishim_sys_path_rename(old_dirfd, old_path, old_path_len,
                                                      new_dirfd, new_path, new_path_len));
}

// `target` is the link's contents, stored as given; only `link_path` is
// resolved against `dirfd`.
inline result<void> path_symlink(const char* target, size_t target_len, fd_t dirfd,
                                 const char* link_path, size_t link_path_len) {
  return detail::to_result(
      __wasishim_sys_path_symlink(target, target_len, dirfd, link_path, link_path_len));
}

inline result<void> path_unlink_file(fd_t dirfd, const char* path, size_t path_len) {
  return detail::to_result(__wasishim_sys_path_unlink_file(dirfd, path, path_len));
}

// Polling, process, scheduling, randomness.
// `out` must have room for `count` events; returns how many were stored.
inline result<size_t> poll_oneoff(const subscription* in, event* out, size_t count) {
  size_t nevents = 0;
  const uint16_t code = __wasishim_sys_poll_oneoff(in, out, count, &nevents);
  return detail::to_result(code, nevents);
}

[[noreturn]] inline void proc_exit(exitcode_t code) {
  __wasishim_sys_proc_exit(code);
}

inline result<void> proc_raise(signal sig) {
  return detail::to_result(__wasishim_sys_proc_raise(detail::abi(sig)));
}

inline result<void> sched_yield() {
  return detail::to_result(__wasishim_sys_sched_yield());
}

inline result<void> random_get(void* buf, size_t len) {
  return detail::to_result(__wasishim_sys_random_get(buf, len));
}

// Sockets.
inline result<fd_t> sock_accept(fd_t fd, fdflags flags) {
  fd_t accepted = 0;
  const uint16_t code = __wasishim_sys_sock_accept(fd, detail::abi(flags), &accepted);
  return detail::to_result(code, accepted);
}

inline result<received> sock_recv(fd_t fd, const iovec* iovs, size_t iovs_len, riflags flags) {
  size_t size = 0;
  uint16_t out_flags = 0;
  const uint16_t code =
      __wasishim_sys_sock_recv(fd, iovs, iovs_len, detail::abi(flags), &size, &out_flags);
  return detail::to_result(code, received{size, static_cast<roflags>(out_flags)});
}

inline result<size_t> sock_send(fd_t fd, const ciovec* iovs, size_t iovs_len, siflags flags) {
  size_t nsent = 0;
  const uint16_t code = __wasishim_sys_sock_send(fd, iovs, iovs_len, detail::abi(flags), &nsent);
  return detail::to_result(code, nsent);
}

inline result<void> sock_shutdown(fd_t fd, sdflags how) {
  return detail::to_result(__wasishim_sys_sock_shutdown(fd, detail::abi(how)));
}

#endif  // __wasm32__

}  // namespace wasishim::sys
