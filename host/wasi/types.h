// The wasi_snapshot_preview1 ABI as the host sees it: numeric values and
// guest-memory layouts. Errno values and rights bits come from
// wasishim/wasi_abi.h, generated from wasi-libc's <wasi/api.h> at configure
// time (cmake/WasiAbi.cmake) and shared with the guest's syscalls.h.
#pragma once

#include <cstdint>

#include "wasishim/wasi_abi.h"

namespace wasishim::wasi {

enum class Errno : uint16_t {
#define WASISHIM_ERRNO(id, name, value) id = value,
  WASISHIM_WASI_ERRNOS(WASISHIM_ERRNO)
#undef WASISHIM_ERRNO
};
static_assert(static_cast<uint16_t>(Errno::notcapable) == 76);

const char* errno_name(Errno e);

using Fd = uint32_t;
using Filesize = uint64_t;
using Timestamp = uint64_t;
using Rights = uint64_t;
using Ptr = uint32_t;  // a guest address
using Size = uint32_t;

namespace right {
#define WASISHIM_RIGHT(id, bit) inline constexpr Rights id = Rights{1} << (bit);
WASISHIM_WASI_RIGHTS(WASISHIM_RIGHT)
#undef WASISHIM_RIGHT
inline constexpr Rights all = (Rights{1} << WASISHIM_WASI_RIGHTS_COUNT) - 1;

// What a regular file can ever do, and what a directory can ever do; the
// rights of an fd are intersected with these so fdstat reports sensible sets.
inline constexpr Rights regular_file =
    fd_datasync | fd_read | fd_seek | fd_fdstat_set_flags | fd_sync | fd_tell |
    fd_write | fd_advise | fd_allocate | fd_filestat_get |
    fd_filestat_set_size | fd_filestat_set_times | poll_fd_readwrite;
inline constexpr Rights directory =
    fd_fdstat_set_flags | fd_sync | fd_advise | path_create_directory |
    path_create_file | path_link_source | path_link_target | path_open |
    fd_readdir | path_readlink | path_rename_source | path_rename_target |
    path_filestat_get | path_filestat_set_size | path_filestat_set_times |
    fd_filestat_get | fd_filestat_set_times | path_symlink |
    path_remove_directory | path_unlink_file;
// Rights that let a guest change anything; removed for read-only preopens.
inline constexpr Rights mutating =
    fd_datasync | fd_write | fd_allocate | fd_sync | path_create_directory |
    path_create_file | path_link_source | path_link_target |
    path_rename_source | path_rename_target | path_filestat_set_size |
    path_filestat_set_times | fd_filestat_set_size | fd_filestat_set_times |
    path_symlink | path_remove_directory | path_unlink_file;
}  // namespace right

enum class Filetype : uint8_t {
  unknown = 0, block_device, character_device, directory, regular_file,
  socket_dgram, socket_stream, symbolic_link,
};

enum class Whence : uint8_t { set = 0, cur = 1, end = 2 };

enum class Clockid : uint32_t {
  realtime = 0, monotonic = 1, process_cputime_id = 2, thread_cputime_id = 3,
};

// The flag sets, expanded from wasishim/wasi_abi.h (generated from
// <wasi/api.h>); `all` is every flag the set defines.
#define WASISHIM_FLAG(type, name, bit) inline constexpr type name = type{1} << (bit);
namespace fdflag {
#define WASISHIM_FDFLAG(name, bit) WASISHIM_FLAG(uint16_t, name, bit)
WASISHIM_WASI_FLAGS_FDFLAGS(WASISHIM_FDFLAG)
#undef WASISHIM_FDFLAG
inline constexpr uint16_t all = (1 << WASISHIM_WASI_FDFLAGS_COUNT) - 1;
}  // namespace fdflag

namespace oflag {
#define WASISHIM_OFLAG(name, bit) WASISHIM_FLAG(uint16_t, name, bit)
WASISHIM_WASI_FLAGS_OFLAGS(WASISHIM_OFLAG)
#undef WASISHIM_OFLAG
inline constexpr uint16_t all = (1 << WASISHIM_WASI_OFLAGS_COUNT) - 1;
}  // namespace oflag

namespace lookupflag {
#define WASISHIM_LOOKUPFLAG(name, bit) WASISHIM_FLAG(uint32_t, name, bit)
WASISHIM_WASI_FLAGS_LOOKUPFLAGS(WASISHIM_LOOKUPFLAG)
#undef WASISHIM_LOOKUPFLAG
}  // namespace lookupflag

namespace fstflag {
#define WASISHIM_FSTFLAG(name, bit) WASISHIM_FLAG(uint16_t, name, bit)
WASISHIM_WASI_FLAGS_FSTFLAGS(WASISHIM_FSTFLAG)
#undef WASISHIM_FSTFLAG
}  // namespace fstflag
#undef WASISHIM_FLAG

enum class Advice : uint8_t {
  normal = 0, sequential, random, willneed, dontneed, noreuse,
};

enum class Eventtype : uint8_t { clock = 0, fd_read = 1, fd_write = 2 };
// The one flag of each of these sets (checked: the sum of the set's flags).
#define WASISHIM_FLAG_VALUE(name, bit) (1 << (bit)) +
inline constexpr uint16_t eventrwflag_hangup = 1;
static_assert(eventrwflag_hangup == WASISHIM_WASI_FLAGS_EVENTRWFLAGS(WASISHIM_FLAG_VALUE) 0);
inline constexpr uint16_t subclockflag_abstime = 1;
static_assert(subclockflag_abstime == WASISHIM_WASI_FLAGS_SUBCLOCKFLAGS(WASISHIM_FLAG_VALUE) 0);
#undef WASISHIM_FLAG_VALUE

inline constexpr uint8_t preopentype_dir = 0;

// Guest-memory layouts (wasm32): sizes and field offsets of the ABI structs,
// the sizes checked against <wasi/api.h>'s (wasishim/wasi_abi.h).
namespace layout {
inline constexpr Size iovec_size = 8;          // buf: u32 @0, buf_len: u32 @4
inline constexpr Size dirent_size = 24;        // next u64 @0, ino u64 @8, namlen u32 @16, type u8 @20
inline constexpr Size fdstat_size = 24;        // filetype u8 @0, flags u16 @2, rights_base u64 @8, rights_inh u64 @16
inline constexpr Size filestat_size = 64;      // dev @0 ino @8 filetype u8 @16 nlink @24 size @32 atim @40 mtim @48 ctim @56
inline constexpr Size prestat_size = 8;        // tag u8 @0, name_len u32 @4
inline constexpr Size subscription_size = 48;  // userdata u64 @0, tag u8 @8, union @16
inline constexpr Size event_size = 32;         // userdata @0, error u16 @8, type u8 @10, nbytes u64 @16, flags u16 @24
static_assert(iovec_size == WASISHIM_WASI_SIZEOF_iovec);
static_assert(dirent_size == WASISHIM_WASI_SIZEOF_dirent);
static_assert(fdstat_size == WASISHIM_WASI_SIZEOF_fdstat);
static_assert(filestat_size == WASISHIM_WASI_SIZEOF_filestat);
static_assert(prestat_size == WASISHIM_WASI_SIZEOF_prestat);
static_assert(subscription_size == WASISHIM_WASI_SIZEOF_subscription);
static_assert(event_size == WASISHIM_WASI_SIZEOF_event);
}  // namespace layout

}  // namespace wasishim::wasi
