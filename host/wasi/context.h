// One guest's WASI state and the wasi_snapshot_preview1 functions over it.
// Engine-agnostic: guest memory arrives as a bounds-checked view and guest
// arguments as integers, in the order of the ABI.
#pragma once

#include <cstdint>
#include <sys/uio.h>

#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "abi/guest_memory.h"
#include "wasi/fd_table.h"
#include "wasi/types.h"
#include "wasishim/options.h"
#include "wasishim/wasi_functions.h"
#include "wasishim/stats.h"

namespace wasishim {

class WasiContext {
 public:
  explicit WasiContext(const WasiOptions& options);

  // Set by proc_exit; the engine unwinds the guest when it sees it.
  std::optional<uint32_t> exit_code() const { return exit_code_; }
  // Set by proc_raise for a signal whose default action ends the process.
  std::optional<uint8_t> raised_signal() const { return raised_signal_; }

  FdTable& fds() { return fds_; }

  // Whether the call just made ended the guest (proc_exit, or proc_raise of
  // a signal whose default action ends the process), and forgets it: the
  // engine then unwinds the guest instead of returning to it. Not an errno:
  // what the call returned is never seen.
  bool take_stop() { return std::exchange(stop_requested_, false); }

  IoStats& stats() { return stats_; }

  using Errno = wasi::Errno;
  using M = GuestMemory;
  using u8 = uint8_t;
  using u16 = uint16_t;
  using u32 = uint32_t;
  using u64 = uint64_t;

  // The preview1 functions, declared from the one list of them
  // (syscalls/preview1.functions, with <wasi/api.h>'s parameters; generated
  // into wasishim/wasi_functions.h): Errno name(GuestMemory&, u32|u64...),
  // the guest's arguments in ABI order, results through guest pointers (the
  // parameters named *_out). Defined in wasi/<prefix>.cpp: args_environ,
  // clock, fd, fd_readdir, path, poll_oneoff, proc_sched, random, sock.
#define WASISHIM_DECLARE_WASI_FUNCTION(name, params) Errno name params;
  WASISHIM_WASI_HOST_PARAMS(WASISHIM_DECLARE_WASI_FUNCTION)
#undef WASISHIM_DECLARE_WASI_FUNCTION

 private:
  // Gathers a guest iovec array into host iovecs; fault if any part of it is
  // outside memory.
  Errno gather_iovs(M& mem, u32 iovs, u32 iovs_len, std::vector<::iovec>& out);
  // The shape fd_read, fd_write, fd_pread and fd_pwrite share once their
  // descriptor is checked: the count's address checked, the iovecs gathered,
  // `host_io(iovecs)` retried on EINTR, the count stored and added to the
  // read or write statistics (fd.cpp).
  enum class Transfer { read, write };
  template <class HostIo>
  Errno transfer(M& mem, u32 iovs, u32 iovs_len, u32 count_out, Transfer kind, HostIo host_io);
  // Reused by every vectored call, so I/O does not allocate per call. A
  // context serves one guest thread, and no WASI call nests in another.
  std::vector<::iovec> iov_scratch_;
  IoStats stats_;

  // The directory an path_* call starts from: badf if fd is not open, notdir
  // if it is not a directory, notcapable if it lacks any of `needed`.
  FdLookup dir_entry(u32 fd, wasi::Rights needed);
  // A descriptor read, written or positioned as a file: a directory is not
  // one (badf, as wasmtime answers and POSIX's write(2) does), checked before
  // rights so the answer does not depend on which rights a directory holds.
  FdLookup file_entry(u32 fd, wasi::Rights needed);
  // An entry for an fd_* call that requires a type: badf, then `wrong_type`
  // when `type_ok` fails, then notcapable.
  template <class TypeOk>
  FdLookup typed_entry(u32 fd, wasi::Rights needed, TypeOk type_ok, Errno wrong_type) {
    auto e = fds_.get(fd);
    if (!e) return e;
    if (!type_ok(e->type)) return {nullptr, wrong_type};
    if ((e->rights_base & needed) != needed) return {nullptr, Errno::notcapable};
    return e;
  }

  std::vector<std::string> args_;
  std::vector<std::string> env_;
  FdTable fds_;
  std::optional<uint32_t> exit_code_;
  std::optional<uint8_t> raised_signal_;
  bool stop_requested_ = false;
};

}  // namespace wasishim
