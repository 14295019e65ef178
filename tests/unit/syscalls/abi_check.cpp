// Compile-time proof that wasishim/syscalls.h mirrors the preview1 ABI as
// <wasi/api.h> states it: every type's size, alignment and field offsets, and
// every numeric value api.h defines. Compiling this file is the test; it has
// no runtime part. Build it for wasm32-wasi only (api.h refuses other targets).
//
// Not covered here: `signal`, because wasi-libc dropped proc_raise and the
// signal constants from api.h. And fd_t is unsigned where api.h says int,
// on purpose; only its size and alignment must agree.
#include <wasishim/syscalls.h>

#include <wasi/api.h>

namespace sys = wasishim::sys;

namespace {
template <class E>
constexpr auto raw(E value) {
  return static_cast<__underlying_type(E)>(value);
}
}  // namespace

#define SAME_LAYOUT(ours, theirs)                \
  static_assert(sizeof(ours) == sizeof(theirs)); \
  static_assert(alignof(ours) == alignof(theirs))

// A field matches when it sits at the same offset with the same size.
#define SAME_FIELD(ours, our_field, theirs, their_field)                        \
  static_assert(offsetof(ours, our_field) == offsetof(theirs, their_field));   \
  static_assert(sizeof(ours::our_field) == sizeof(theirs::their_field))

// Scalar types.
SAME_LAYOUT(size_t, __wasi_size_t);
SAME_LAYOUT(sys::fd_t, __wasi_fd_t);
SAME_LAYOUT(sys::filesize_t, __wasi_filesize_t);
SAME_LAYOUT(sys::filedelta_t, __wasi_filedelta_t);
SAME_LAYOUT(sys::timestamp_t, __wasi_timestamp_t);
SAME_LAYOUT(sys::dircookie_t, __wasi_dircookie_t);
SAME_LAYOUT(sys::dirnamlen_t, __wasi_dirnamlen_t);
SAME_LAYOUT(sys::inode_t, __wasi_inode_t);
SAME_LAYOUT(sys::device_t, __wasi_device_t);
SAME_LAYOUT(sys::linkcount_t, __wasi_linkcount_t);
SAME_LAYOUT(sys::userdata_t, __wasi_userdata_t);
SAME_LAYOUT(sys::exitcode_t, __wasi_exitcode_t);
SAME_LAYOUT(sys::rights_t, __wasi_rights_t);
static_assert(sys::filedelta_t{-1} < 0, "filedelta is signed");

// Enumerations and flag sets.
SAME_LAYOUT(sys::errc, __wasi_errno_t);
SAME_LAYOUT(sys::clockid, __wasi_clockid_t);
SAME_LAYOUT(sys::whence, __wasi_whence_t);
SAME_LAYOUT(sys::filetype, __wasi_filetype_t);
SAME_LAYOUT(sys::advice, __wasi_advice_t);
SAME_LAYOUT(sys::eventtype, __wasi_eventtype_t);
SAME_LAYOUT(sys::preopentype, __wasi_preopentype_t);
SAME_LAYOUT(sys::fdflags, __wasi_fdflags_t);
SAME_LAYOUT(sys::fstflags, __wasi_fstflags_t);
SAME_LAYOUT(sys::lookupflags, __wasi_lookupflags_t);
SAME_LAYOUT(sys::oflags, __wasi_oflags_t);
SAME_LAYOUT(sys::eventrwflags, __wasi_eventrwflags_t);
SAME_LAYOUT(sys::subclockflags, __wasi_subclockflags_t);
SAME_LAYOUT(sys::riflags, __wasi_riflags_t);
SAME_LAYOUT(sys::roflags, __wasi_roflags_t);
SAME_LAYOUT(sys::siflags, __wasi_siflags_t);
SAME_LAYOUT(sys::sdflags, __wasi_sdflags_t);

// Structures.
SAME_LAYOUT(sys::iovec, __wasi_iovec_t);
SAME_FIELD(sys::iovec, buf, __wasi_iovec_t, buf);
SAME_FIELD(sys::iovec, buf_len, __wasi_iovec_t, buf_len);

SAME_LAYOUT(sys::ciovec, __wasi_ciovec_t);
SAME_FIELD(sys::ciovec, buf, __wasi_ciovec_t, buf);
SAME_FIELD(sys::ciovec, buf_len, __wasi_ciovec_t, buf_len);

SAME_LAYOUT(sys::dirent, __wasi_dirent_t);
SAME_FIELD(sys::dirent, d_next, __wasi_dirent_t, d_next);
SAME_FIELD(sys::dirent, d_ino, __wasi_dirent_t, d_ino);
SAME_FIELD(sys::dirent, d_namlen, __wasi_dirent_t, d_namlen);
SAME_FIELD(sys::dirent, d_type, __wasi_dirent_t, d_type);

SAME_LAYOUT(sys::fdstat, __wasi_fdstat_t);
SAME_FIELD(sys::fdstat, fs_filetype, __wasi_fdstat_t, fs_filetype);
SAME_FIELD(sys::fdstat, fs_flags, __wasi_fdstat_t, fs_flags);
SAME_FIELD(sys::fdstat, fs_rights_base, __wasi_fdstat_t, fs_rights_base);
SAME_FIELD(sys::fdstat, fs_rights_inheriting, __wasi_fdstat_t, fs_rights_inheriting);

SAME_LAYOUT(sys::filestat, __wasi_filestat_t);
SAME_FIELD(sys::filestat, dev, __wasi_filestat_t, dev);
SAME_FIELD(sys::filestat, ino, __wasi_filestat_t, ino);
SAME_FIELD(sys::filestat, filetype, __wasi_filestat_t, filetype);
SAME_FIELD(sys::filestat, nlink, __wasi_filestat_t, nlink);
SAME_FIELD(sys::filestat, size, __wasi_filestat_t, size);
SAME_FIELD(sys::filestat, atim, __wasi_filestat_t, atim);
SAME_FIELD(sys::filestat, mtim, __wasi_filestat_t, mtim);
SAME_FIELD(sys::filestat, ctim, __wasi_filestat_t, ctim);

SAME_LAYOUT(sys::event_fd_readwrite, __wasi_event_fd_readwrite_t);
SAME_FIELD(sys::event_fd_readwrite, nbytes, __wasi_event_fd_readwrite_t, nbytes);
SAME_FIELD(sys::event_fd_readwrite, flags, __wasi_event_fd_readwrite_t, flags);

SAME_LAYOUT(sys::event, __wasi_event_t);
SAME_FIELD(sys::event, userdata, __wasi_event_t, userdata);
SAME_FIELD(sys::event, error, __wasi_event_t, error);
SAME_FIELD(sys::event, type, __wasi_event_t, type);
SAME_FIELD(sys::event, fd_readwrite, __wasi_event_t, fd_readwrite);

SAME_LAYOUT(sys::subscription_clock, __wasi_subscription_clock_t);
SAME_FIELD(sys::subscription_clock, id, __wasi_subscription_clock_t, id);
SAME_FIELD(sys::subscription_clock, timeout, __wasi_subscription_clock_t, timeout);
SAME_FIELD(sys::subscription_clock, precision, __wasi_subscription_clock_t, precision);
SAME_FIELD(sys::subscription_clock, flags, __wasi_subscription_clock_t, flags);

SAME_LAYOUT(sys::subscription_fd_readwrite, __wasi_subscription_fd_readwrite_t);
SAME_FIELD(sys::subscription_fd_readwrite, file_descriptor, __wasi_subscription_fd_readwrite_t,
           file_descriptor);

SAME_LAYOUT(sys::subscription_u, __wasi_subscription_u_u_t);
SAME_FIELD(sys::subscription_u, clock, __wasi_subscription_u_u_t, clock);
SAME_FIELD(sys::subscription_u, fd_read, __wasi_subscription_u_u_t, fd_read);
SAME_FIELD(sys::subscription_u, fd_write, __wasi_subscription_u_u_t, fd_write);

// syscalls.h flattens api.h's {tag, u} wrapper into subscription::type and
// subscription::u; the bytes must land in the same places.
SAME_LAYOUT(sys::subscription, __wasi_subscription_t);
SAME_FIELD(sys::subscription, userdata, __wasi_subscription_t, userdata);
static_assert(offsetof(sys::subscription, type) ==
              offsetof(__wasi_subscription_t, u) + offsetof(__wasi_subscription_u_t, tag));
static_assert(sizeof(sys::subscription::type) == sizeof(__wasi_subscription_u_t::tag));
static_assert(offsetof(sys::subscription, u) ==
              offsetof(__wasi_subscription_t, u) + offsetof(__wasi_subscription_u_t, u));
static_assert(sizeof(sys::subscription::u) == sizeof(__wasi_subscription_u_t::u));

SAME_LAYOUT(sys::prestat_dir, __wasi_prestat_dir_t);
SAME_FIELD(sys::prestat_dir, pr_name_len, __wasi_prestat_dir_t, pr_name_len);

SAME_LAYOUT(sys::prestat, __wasi_prestat_t);
SAME_FIELD(sys::prestat, type, __wasi_prestat_t, tag);
SAME_FIELD(sys::prestat, u, __wasi_prestat_t, u);

// Values.
// Directory cookies.
static_assert(sys::dircookie_start == __WASI_DIRCOOKIE_START);

// Clocks.
static_assert(raw(sys::clockid::realtime) == __WASI_CLOCKID_REALTIME);
static_assert(raw(sys::clockid::monotonic) == __WASI_CLOCKID_MONOTONIC);
static_assert(raw(sys::clockid::process_cputime_id) == __WASI_CLOCKID_PROCESS_CPUTIME_ID);
static_assert(raw(sys::clockid::thread_cputime_id) == __WASI_CLOCKID_THREAD_CPUTIME_ID);

// Error codes.
static_assert(raw(sys::errc::success) == __WASI_ERRNO_SUCCESS);
static_assert(raw(sys::errc::toobig) == __WASI_ERRNO_2BIG);
static_assert(raw(sys::errc::acces) == __WASI_ERRNO_ACCES);
static_assert(raw(sys::errc::addrinuse) == __WASI_ERRNO_ADDRINUSE);
static_assert(raw(sys::errc::addrnotavail) == __WASI_ERRNO_ADDRNOTAVAIL);
static_assert(raw(sys::errc::afnosupport) == __WASI_ERRNO_AFNOSUPPORT);
static_assert(raw(sys::errc::again) == __WASI_ERRNO_AGAIN);
static_assert(raw(sys::errc::already) == __WASI_ERRNO_ALREADY);
static_assert(raw(sys::errc::badf) == __WASI_ERRNO_BADF);
static_assert(raw(sys::errc::badmsg) == __WASI_ERRNO_BADMSG);
static_assert(raw(sys::errc::busy) == __WASI_ERRNO_BUSY);
static_assert(raw(sys::errc::canceled) == __WASI_ERRNO_CANCELED);
static_assert(raw(sys::errc::child) == __WASI_ERRNO_CHILD);
static_assert(raw(sys::errc::connaborted) == __WASI_ERRNO_CONNABORTED);
static_assert(raw(sys::errc::connrefused) == __WASI_ERRNO_CONNREFUSED);
static_assert(raw(sys::errc::connreset) == __WASI_ERRNO_CONNRESET);
static_assert(raw(sys::errc::deadlk) == __WASI_ERRNO_DEADLK);
static_assert(raw(sys::errc::destaddrreq) == __WASI_ERRNO_DESTADDRREQ);
static_assert(raw(sys::errc::dom) == __WASI_ERRNO_DOM);
static_assert(raw(sys::errc::dquot) == __WASI_ERRNO_DQUOT);
static_assert(raw(sys::errc::exist) == __WASI_ERRNO_EXIST);
static_assert(raw(sys::errc::fault) == __WASI_ERRNO_FAULT);
static_assert(raw(sys::errc::fbig) == __WASI_ERRNO_FBIG);
static_assert(raw(sys::errc::hostunreach) == __WASI_ERRNO_HOSTUNREACH);
static_assert(raw(sys::errc::idrm) == __WASI_ERRNO_IDRM);
static_assert(raw(sys::errc::ilseq) == __WASI_ERRNO_ILSEQ);
static_assert(raw(sys::errc::inprogress) == __WASI_ERRNO_INPROGRESS);
static_assert(raw(sys::errc::intr) == __WASI_ERRNO_INTR);
static_assert(raw(sys::errc::inval) == __WASI_ERRNO_INVAL);
static_assert(raw(sys::errc::io) == __WASI_ERRNO_IO);
static_assert(raw(sys::errc::isconn) == __WASI_ERRNO_ISCONN);
static_assert(raw(sys::errc::isdir) == __WASI_ERRNO_ISDIR);
static_assert(raw(sys::errc::loop) == __WASI_ERRNO_LOOP);
static_assert(raw(sys::errc::mfile) == __WASI_ERRNO_MFILE);
static_assert(raw(sys::errc::mlink) == __WASI_ERRNO_MLINK);
static_assert(raw(sys::errc::msgsize) == __WASI_ERRNO_MSGSIZE);
static_assert(raw(sys::errc::multihop) == __WASI_ERRNO_MULTIHOP);
static_assert(raw(sys::errc::nametoolong) == __WASI_ERRNO_NAMETOOLONG);
static_assert(raw(sys::errc::netdown) == __WASI_ERRNO_NETDOWN);
static_assert(raw(sys::errc::netreset) == __WASI_ERRNO_NETRESET);
static_assert(raw(sys::errc::netunreach) == __WASI_ERRNO_NETUNREACH);
static_assert(raw(sys::errc::nfile) == __WASI_ERRNO_NFILE);
static_assert(raw(sys::errc::nobufs) == __WASI_ERRNO_NOBUFS);
static_assert(raw(sys::errc::nodev) == __WASI_ERRNO_NODEV);
static_assert(raw(sys::errc::noent) == __WASI_ERRNO_NOENT);
static_assert(raw(sys::errc::noexec) == __WASI_ERRNO_NOEXEC);
static_assert(raw(sys::errc::nolck) == __WASI_ERRNO_NOLCK);
static_assert(raw(sys::errc::nolink) == __WASI_ERRNO_NOLINK);
static_assert(raw(sys::errc::nomem) == __WASI_ERRNO_NOMEM);
static_assert(raw(sys::errc::nomsg) == __WASI_ERRNO_NOMSG);
static_assert(raw(sys::errc::noprotoopt) == __WASI_ERRNO_NOPROTOOPT);
static_assert(raw(sys::errc::nospc) == __WASI_ERRNO_NOSPC);
static_assert(raw(sys::errc::nosys) == __WASI_ERRNO_NOSYS);
static_assert(raw(sys::errc::notconn) == __WASI_ERRNO_NOTCONN);
static_assert(raw(sys::errc::notdir) == __WASI_ERRNO_NOTDIR);
static_assert(raw(sys::errc::notempty) == __WASI_ERRNO_NOTEMPTY);
static_assert(raw(sys::errc::notrecoverable) == __WASI_ERRNO_NOTRECOVERABLE);
static_assert(raw(sys::errc::notsock) == __WASI_ERRNO_NOTSOCK);
static_assert(raw(sys::errc::notsup) == __WASI_ERRNO_NOTSUP);
static_assert(raw(sys::errc::notty) == __WASI_ERRNO_NOTTY);
static_assert(raw(sys::errc::nxio) == __WASI_ERRNO_NXIO);
static_assert(raw(sys::errc::overflow) == __WASI_ERRNO_OVERFLOW);
static_assert(raw(sys::errc::ownerdead) == __WASI_ERRNO_OWNERDEAD);
static_assert(raw(sys::errc::perm) == __WASI_ERRNO_PERM);
static_assert(raw(sys::errc::pipe) == __WASI_ERRNO_PIPE);
static_assert(raw(sys::errc::proto) == __WASI_ERRNO_PROTO);
static_assert(raw(sys::errc::protonosupport) == __WASI_ERRNO_PROTONOSUPPORT);
static_assert(raw(sys::errc::prototype) == __WASI_ERRNO_PROTOTYPE);
static_assert(raw(sys::errc::range) == __WASI_ERRNO_RANGE);
static_assert(raw(sys::errc::rofs) == __WASI_ERRNO_ROFS);
static_assert(raw(sys::errc::spipe) == __WASI_ERRNO_SPIPE);
static_assert(raw(sys::errc::srch) == __WASI_ERRNO_SRCH);
static_assert(raw(sys::errc::stale) == __WASI_ERRNO_STALE);
static_assert(raw(sys::errc::timedout) == __WASI_ERRNO_TIMEDOUT);
static_assert(raw(sys::errc::txtbsy) == __WASI_ERRNO_TXTBSY);
static_assert(raw(sys::errc::xdev) == __WASI_ERRNO_XDEV);
static_assert(raw(sys::errc::notcapable) == __WASI_ERRNO_NOTCAPABLE);

// Rights.
static_assert(sys::rights::fd_datasync == __WASI_RIGHTS_FD_DATASYNC);
static_assert(sys::rights::fd_read == __WASI_RIGHTS_FD_READ);
static_assert(sys::rights::fd_seek == __WASI_RIGHTS_FD_SEEK);
static_assert(sys::rights::fd_fdstat_set_flags == __WASI_RIGHTS_FD_FDSTAT_SET_FLAGS);
static_assert(sys::rights::fd_sync == __WASI_RIGHTS_FD_SYNC);
static_assert(sys::rights::fd_tell == __WASI_RIGHTS_FD_TELL);
static_assert(sys::rights::fd_write == __WASI_RIGHTS_FD_WRITE);
static_assert(sys::rights::fd_advise == __WASI_RIGHTS_FD_ADVISE);
static_assert(sys::rights::fd_allocate == __WASI_RIGHTS_FD_ALLOCATE);
static_assert(sys::rights::path_create_directory == __WASI_RIGHTS_PATH_CREATE_DIRECTORY);
static_assert(sys::rights::path_create_file == __WASI_RIGHTS_PATH_CREATE_FILE);
static_assert(sys::rights::path_link_source == __WASI_RIGHTS_PATH_LINK_SOURCE);
static_assert(sys::rights::path_link_target == __WASI_RIGHTS_PATH_LINK_TARGET);
static_assert(sys::rights::path_open == __WASI_RIGHTS_PATH_OPEN);
static_assert(sys::rights::fd_readdir == __WASI_RIGHTS_FD_READDIR);
static_assert(sys::rights::path_readlink == __WASI_RIGHTS_PATH_READLINK);
static_assert(sys::rights::path_rename_source == __WASI_RIGHTS_PATH_RENAME_SOURCE);
static_assert(sys::rights::path_rename_target == __WASI_RIGHTS_PATH_RENAME_TARGET);
static_assert(sys::rights::path_filestat_get == __WASI_RIGHTS_PATH_FILESTAT_GET);
static_assert(sys::rights::path_filestat_set_size == __WASI_RIGHTS_PATH_FILESTAT_SET_SIZE);
static_assert(sys::rights::path_filestat_set_times == __WASI_RIGHTS_PATH_FILESTAT_SET_TIMES);
static_assert(sys::rights::fd_filestat_get == __WASI_RIGHTS_FD_FILESTAT_GET);
static_assert(sys::rights::fd_filestat_set_size == __WASI_RIGHTS_FD_FILESTAT_SET_SIZE);
static_assert(sys::rights::fd_filestat_set_times == __WASI_RIGHTS_FD_FILESTAT_SET_TIMES);
static_assert(sys::rights::path_symlink == __WASI_RIGHTS_PATH_SYMLINK);
static_assert(sys::rights::path_remove_directory == __WASI_RIGHTS_PATH_REMOVE_DIRECTORY);
static_assert(sys::rights::path_unlink_file == __WASI_RIGHTS_PATH_UNLINK_FILE);
static_assert(sys::rights::poll_fd_readwrite == __WASI_RIGHTS_POLL_FD_READWRITE);
static_assert(sys::rights::sock_shutdown == __WASI_RIGHTS_SOCK_SHUTDOWN);
static_assert(sys::rights::sock_accept == __WASI_RIGHTS_SOCK_ACCEPT);

// Seek origins.
static_assert(raw(sys::whence::set) == __WASI_WHENCE_SET);
static_assert(raw(sys::whence::cur) == __WASI_WHENCE_CUR);
static_assert(raw(sys::whence::end) == __WASI_WHENCE_END);

// File types.
static_assert(raw(sys::filetype::unknown) == __WASI_FILETYPE_UNKNOWN);
static_assert(raw(sys::filetype::block_device) == __WASI_FILETYPE_BLOCK_DEVICE);
static_assert(raw(sys::filetype::character_device) == __WASI_FILETYPE_CHARACTER_DEVICE);
static_assert(raw(sys::filetype::directory) == __WASI_FILETYPE_DIRECTORY);
static_assert(raw(sys::filetype::regular_file) == __WASI_FILETYPE_REGULAR_FILE);
static_assert(raw(sys::filetype::socket_dgram) == __WASI_FILETYPE_SOCKET_DGRAM);
static_assert(raw(sys::filetype::socket_stream) == __WASI_FILETYPE_SOCKET_STREAM);
static_assert(raw(sys::filetype::symbolic_link) == __WASI_FILETYPE_SYMBOLIC_LINK);

// Advice.
static_assert(raw(sys::advice::normal) == __WASI_ADVICE_NORMAL);
static_assert(raw(sys::advice::sequential) == __WASI_ADVICE_SEQUENTIAL);
static_assert(raw(sys::advice::random) == __WASI_ADVICE_RANDOM);
static_assert(raw(sys::advice::willneed) == __WASI_ADVICE_WILLNEED);
static_assert(raw(sys::advice::dontneed) == __WASI_ADVICE_DONTNEED);
static_assert(raw(sys::advice::noreuse) == __WASI_ADVICE_NOREUSE);

// Descriptor flags.
static_assert(raw(sys::fdflags::append) == __WASI_FDFLAGS_APPEND);
static_assert(raw(sys::fdflags::dsync) == __WASI_FDFLAGS_DSYNC);
static_assert(raw(sys::fdflags::nonblock) == __WASI_FDFLAGS_NONBLOCK);
static_assert(raw(sys::fdflags::rsync) == __WASI_FDFLAGS_RSYNC);
static_assert(raw(sys::fdflags::sync) == __WASI_FDFLAGS_SYNC);

// Timestamp flags.
static_assert(raw(sys::fstflags::atim) == __WASI_FSTFLAGS_ATIM);
static_assert(raw(sys::fstflags::atim_now) == __WASI_FSTFLAGS_ATIM_NOW);
static_assert(raw(sys::fstflags::mtim) == __WASI_FSTFLAGS_MTIM);
static_assert(raw(sys::fstflags::mtim_now) == __WASI_FSTFLAGS_MTIM_NOW);

// Lookup flags.
static_assert(raw(sys::lookupflags::symlink_follow) == __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW);

// Open flags.
static_assert(raw(sys::oflags::creat) == __WASI_OFLAGS_CREAT);
static_assert(raw(sys::oflags::directory) == __WASI_OFLAGS_DIRECTORY);
static_assert(raw(sys::oflags::excl) == __WASI_OFLAGS_EXCL);
static_assert(raw(sys::oflags::trunc) == __WASI_OFLAGS_TRUNC);

// Event types.
static_assert(raw(sys::eventtype::clock) == __WASI_EVENTTYPE_CLOCK);
static_assert(raw(sys::eventtype::fd_read) == __WASI_EVENTTYPE_FD_READ);
static_assert(raw(sys::eventtype::fd_write) == __WASI_EVENTTYPE_FD_WRITE);

// Event read/write flags.
static_assert(raw(sys::eventrwflags::fd_readwrite_hangup) == __WASI_EVENTRWFLAGS_FD_READWRITE_HANGUP);

// Clock subscription flags.
static_assert(raw(sys::subclockflags::subscription_clock_abstime) == __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME);

// Receive input flags.
static_assert(raw(sys::riflags::recv_peek) == __WASI_RIFLAGS_RECV_PEEK);
static_assert(raw(sys::riflags::recv_waitall) == __WASI_RIFLAGS_RECV_WAITALL);

// Receive output flags.
static_assert(raw(sys::roflags::recv_data_truncated) == __WASI_ROFLAGS_RECV_DATA_TRUNCATED);

// Shutdown flags.
static_assert(raw(sys::sdflags::rd) == __WASI_SDFLAGS_RD);
static_assert(raw(sys::sdflags::wr) == __WASI_SDFLAGS_WR);

// Preopen types.
static_assert(raw(sys::preopentype::dir) == __WASI_PREOPENTYPE_DIR);
