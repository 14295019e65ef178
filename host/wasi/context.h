// One guest's WASI state and the 46 wasi_snapshot_preview1 functions over it.
// Engine-agnostic: guest memory arrives as a bounds-checked view and guest
// arguments as integers, in the order of the ABI.
#pragma once

#include <cstdint>
#include <sys/uio.h>

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "abi/guest_memory.h"
#include "wasi/fd_table.h"
#include "wasi/types.h"
#include "wasishim/options.h"
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

  // Where calls are traced (null: not traced), and which functions of the
  // dispatch table answer notcapable under the policy (bit i: wasi_imports()[i]).
  std::FILE* trace() const { return trace_; }
  uint64_t stubbed_mask() const { return stubbed_mask_; }
  // Counts one WASI call; true when WasiOptions::kill_after_calls says the
  // guest must die instead of making it.
  bool kill_due() { return kill_after_calls_ && ++calls_made_ > kill_after_calls_; }
  // Counts a write to a file (fd above 2); the errno WasiOptions::fail_writes
  // injects for it, or success.
  uint16_t injected_write_failure(uint32_t fd) {
    if (fail_writes_.empty() || fd <= 2) return 0;
    ++file_writes_;
    for (const auto& [n, e] : fail_writes_) if (n == file_writes_) return e;
    return 0;
  }

  IoStats& stats() { return stats_; }

  using Errno = wasi::Errno;
  using M = GuestMemory;
  using u8 = uint8_t;
  using u16 = uint16_t;
  using u32 = uint32_t;
  using u64 = uint64_t;

  // Returned instead of an errno by proc_exit and a fatal proc_raise: not a
  // WASI errno, it tells the engine to stop the guest.
  static constexpr Errno kStop = static_cast<Errno>(0xffff);

  // Arguments and environment.
  Errno args_get(M&, u32 argv, u32 argv_buf);
  Errno args_sizes_get(M&, u32 argc_out, u32 argv_buf_size_out);
  Errno environ_get(M&, u32 environ, u32 environ_buf);
  Errno environ_sizes_get(M&, u32 count_out, u32 buf_size_out);
  // Clocks and randomness.
  Errno clock_res_get(M&, u32 id, u32 res_out);
  Errno clock_time_get(M&, u32 id, u64 precision, u32 time_out);
  Errno random_get(M&, u32 buf, u32 len);
  // Descriptors.
  Errno fd_advise(M&, u32 fd, u64 offset, u64 len, u32 advice);
  Errno fd_allocate(M&, u32 fd, u64 offset, u64 len);
  Errno fd_close(M&, u32 fd);
  Errno fd_datasync(M&, u32 fd);
  Errno fd_fdstat_get(M&, u32 fd, u32 out);
  Errno fd_fdstat_set_flags(M&, u32 fd, u32 flags);
  Errno fd_fdstat_set_rights(M&, u32 fd, u64 base, u64 inheriting);
  Errno fd_filestat_get(M&, u32 fd, u32 out);
  Errno fd_filestat_set_size(M&, u32 fd, u64 size);
  Errno fd_filestat_set_times(M&, u32 fd, u64 atim, u64 mtim, u32 fst_flags);
  Errno fd_pread(M&, u32 fd, u32 iovs, u32 iovs_len, u64 offset, u32 nread_out);
  Errno fd_prestat_get(M&, u32 fd, u32 out);
  Errno fd_prestat_dir_name(M&, u32 fd, u32 path, u32 path_len);
  Errno fd_pwrite(M&, u32 fd, u32 iovs, u32 iovs_len, u64 offset, u32 nwritten_out);
  Errno fd_read(M&, u32 fd, u32 iovs, u32 iovs_len, u32 nread_out);
  Errno fd_readdir(M&, u32 fd, u32 buf, u32 buf_len, u64 cookie, u32 bufused_out);
  Errno fd_renumber(M&, u32 fd, u32 to);
  Errno fd_seek(M&, u32 fd, u64 offset, u32 whence, u32 newoffset_out);
  Errno fd_sync(M&, u32 fd);
  Errno fd_tell(M&, u32 fd, u32 offset_out);
  Errno fd_write(M&, u32 fd, u32 iovs, u32 iovs_len, u32 nwritten_out);
  // Paths.
  Errno path_create_directory(M&, u32 fd, u32 path, u32 path_len);
  Errno path_filestat_get(M&, u32 fd, u32 flags, u32 path, u32 path_len, u32 out);
  Errno path_filestat_set_times(M&, u32 fd, u32 flags, u32 path, u32 path_len,
                                u64 atim, u64 mtim, u32 fst_flags);
  Errno path_link(M&, u32 old_fd, u32 old_flags, u32 old_path, u32 old_path_len,
                  u32 new_fd, u32 new_path, u32 new_path_len);
  Errno path_open(M&, u32 fd, u32 dirflags, u32 path, u32 path_len, u32 oflags,
                  u64 rights_base, u64 rights_inheriting, u32 fdflags, u32 fd_out);
  Errno path_readlink(M&, u32 fd, u32 path, u32 path_len, u32 buf, u32 buf_len,
                      u32 bufused_out);
  Errno path_remove_directory(M&, u32 fd, u32 path, u32 path_len);
  Errno path_rename(M&, u32 fd, u32 old_path, u32 old_path_len, u32 new_fd,
                    u32 new_path, u32 new_path_len);
  Errno path_symlink(M&, u32 old_path, u32 old_path_len, u32 fd, u32 new_path,
                     u32 new_path_len);
  Errno path_unlink_file(M&, u32 fd, u32 path, u32 path_len);
  // Events, process, scheduling.
  Errno poll_oneoff(M&, u32 in, u32 out, u32 nsubscriptions, u32 nevents_out);
  Errno proc_exit(M&, u32 rval);
  Errno proc_raise(M&, u32 sig);
  Errno sched_yield(M&);
  // Sockets.
  Errno sock_accept(M&, u32 fd, u32 flags, u32 fd_out);
  Errno sock_recv(M&, u32 fd, u32 ri_data, u32 ri_data_len, u32 ri_flags,
                  u32 ro_datalen_out, u32 ro_flags_out);
  Errno sock_send(M&, u32 fd, u32 si_data, u32 si_data_len, u32 si_flags,
                  u32 so_datalen_out);
  Errno sock_shutdown(M&, u32 fd, u32 how);

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
  std::FILE* trace_ = nullptr;
  uint64_t stubbed_mask_ = 0;
  uint64_t kill_after_calls_ = 0;
  uint64_t calls_made_ = 0;
  std::vector<std::pair<uint64_t, uint16_t>> fail_writes_;
  uint64_t file_writes_ = 0;
};

}  // namespace wasishim
