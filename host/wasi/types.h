// The wasi_snapshot_preview1 ABI as the host sees it: numeric values and
// guest-memory layouts. The guest side has its own copy in syscalls/; both are
// checked against wasi-libc's <wasi/api.h> by their tests.
#pragma once

#include <cstdint>

namespace wasishim::wasi {

enum class Errno : uint16_t {
  success = 0, toobig, acces, addrinuse, addrnotavail, afnosupport, again,
  already, badf, badmsg, busy, canceled, child, connaborted, connrefused,
  connreset, deadlk, destaddrreq, dom, dquot, exist, fault, fbig, hostunreach,
  idrm, ilseq, inprogress, intr, inval, io, isconn, isdir, loop, mfile, mlink,
  msgsize, multihop, nametoolong, netdown, netreset, netunreach, nfile, nobufs,
  nodev, noent, noexec, nolck, nolink, nomem, nomsg, noprotoopt, nospc, nosys,
  notconn, notdir, notempty, notrecoverable, notsock, notsup, notty, nxio,
  overflow, ownerdead, perm, pipe, proto, protonosupport, prototype, range,
  rofs, spipe, srch, stale, timedout, txtbsy, xdev, notcapable,
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
inline constexpr Rights fd_datasync = 1ull << 0;
inline constexpr Rights fd_read = 1ull << 1;
inline constexpr Rights fd_seek = 1ull << 2;
inline constexpr Rights fd_fdstat_set_flags = 1ull << 3;
inline constexpr Rights fd_sync = 1ull << 4;
inline constexpr Rights fd_tell = 1ull << 5;
inline constexpr Rights fd_write = 1ull << 6;
inline constexpr Rights fd_advise = 1ull << 7;
inline constexpr Rights fd_allocate = 1ull << 8;
inline constexpr Rights path_create_directory = 1ull << 9;
inline constexpr Rights path_create_file = 1ull << 10;
inline constexpr Rights path_link_source = 1ull << 11;
inline constexpr Rights path_link_target = 1ull << 12;
inline constexpr Rights path_open = 1ull << 13;
inline constexpr Rights fd_readdir = 1ull << 14;
inline constexpr Rights path_readlink = 1ull << 15;
inline constexpr Rights path_rename_source = 1ull << 16;
inline constexpr Rights path_rename_target = 1ull << 17;
inline constexpr Rights path_filestat_get = 1ull << 18;
inline constexpr Rights path_filestat_set_size = 1ull << 19;
inline constexpr Rights path_filestat_set_times = 1ull << 20;
inline constexpr Rights fd_filestat_get = 1ull << 21;
inline constexpr Rights fd_filestat_set_size = 1ull << 22;
inline constexpr Rights fd_filestat_set_times = 1ull << 23;
inline constexpr Rights path_symlink = 1ull << 24;
inline constexpr Rights path_remove_directory = 1ull << 25;
inline constexpr Rights path_unlink_file = 1ull << 26;
inline constexpr Rights poll_fd_readwrite = 1ull << 27;
inline constexpr Rights sock_shutdown = 1ull << 28;
inline constexpr Rights sock_accept = 1ull << 29;
inline constexpr Rights all = (1ull << 30) - 1;

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

namespace fdflag {
inline constexpr uint16_t append = 1 << 0;
inline constexpr uint16_t dsync = 1 << 1;
inline constexpr uint16_t nonblock = 1 << 2;
inline constexpr uint16_t rsync = 1 << 3;
inline constexpr uint16_t sync = 1 << 4;
inline constexpr uint16_t all = (1 << 5) - 1;
}  // namespace fdflag

namespace oflag {
inline constexpr uint16_t creat = 1 << 0;
inline constexpr uint16_t directory = 1 << 1;
inline constexpr uint16_t excl = 1 << 2;
inline constexpr uint16_t trunc = 1 << 3;
inline constexpr uint16_t all = (1 << 4) - 1;
}  // namespace oflag

namespace lookupflag {
inline constexpr uint32_t symlink_follow = 1 << 0;
}

namespace fstflag {
inline constexpr uint16_t atim = 1 << 0;
inline constexpr uint16_t atim_now = 1 << 1;
inline constexpr uint16_t mtim = 1 << 2;
inline constexpr uint16_t mtim_now = 1 << 3;
}  // namespace fstflag

enum class Advice : uint8_t {
  normal = 0, sequential, random, willneed, dontneed, noreuse,
};

enum class Eventtype : uint8_t { clock = 0, fd_read = 1, fd_write = 2 };
inline constexpr uint16_t eventrwflag_hangup = 1;
inline constexpr uint16_t subclockflag_abstime = 1;

inline constexpr uint8_t preopentype_dir = 0;

// Guest-memory layouts (wasm32): sizes and field offsets of the ABI structs.
namespace layout {
inline constexpr Size iovec_size = 8;          // buf: u32 @0, buf_len: u32 @4
inline constexpr Size dirent_size = 24;        // next u64 @0, ino u64 @8, namlen u32 @16, type u8 @20
inline constexpr Size fdstat_size = 24;        // filetype u8 @0, flags u16 @2, rights_base u64 @8, rights_inh u64 @16
inline constexpr Size filestat_size = 64;      // dev @0 ino @8 filetype u8 @16 nlink @24 size @32 atim @40 mtim @48 ctim @56
inline constexpr Size prestat_size = 8;        // tag u8 @0, name_len u32 @4
inline constexpr Size subscription_size = 48;  // userdata u64 @0, tag u8 @8, union @16
inline constexpr Size event_size = 32;         // userdata @0, error u16 @8, type u8 @10, nbytes u64 @16, flags u16 @24
}  // namespace layout

}  // namespace wasishim::wasi
