// The scalar, enum and flag types of the preview1 ABI (part of
// wasishim/syscalls.h; freestanding like it). Errno and rights values come from
// wasishim/wasi_abi.h, generated from <wasi/api.h>.
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
// The flags of each set are wasishim/wasi_abi.h's (generated from <wasi/api.h>).
#define WASISHIM_FLAG(name, bit) name = 1 << (bit),
enum class fdflags : uint16_t { WASISHIM_WASI_FLAGS_FDFLAGS(WASISHIM_FLAG) };
enum class fstflags : uint16_t { WASISHIM_WASI_FLAGS_FSTFLAGS(WASISHIM_FLAG) };
enum class lookupflags : uint32_t { WASISHIM_WASI_FLAGS_LOOKUPFLAGS(WASISHIM_FLAG) };
enum class oflags : uint16_t { WASISHIM_WASI_FLAGS_OFLAGS(WASISHIM_FLAG) };
enum class eventrwflags : uint16_t { WASISHIM_WASI_FLAGS_EVENTRWFLAGS(WASISHIM_FLAG) };
enum class subclockflags : uint16_t { WASISHIM_WASI_FLAGS_SUBCLOCKFLAGS(WASISHIM_FLAG) };
enum class riflags : uint16_t { WASISHIM_WASI_FLAGS_RIFLAGS(WASISHIM_FLAG) };
enum class roflags : uint16_t { WASISHIM_WASI_FLAGS_ROFLAGS(WASISHIM_FLAG) };
enum class sdflags : uint8_t { WASISHIM_WASI_FLAGS_SDFLAGS(WASISHIM_FLAG) };
#undef WASISHIM_FLAG
// The spec defines no send flags yet; siflags{} is the only valid value.
enum class siflags : uint16_t {};

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

}  // namespace wasishim::sys
