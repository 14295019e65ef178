// Functions the reference host does not implement yet. Each returns nosys so a
// guest sees a clean error, never undefined behaviour.
#include "wasi/context.h"

namespace wasishim {

using wasi::Errno;

Errno WasiContext::fd_advise(M&, u32, u64, u64, u32) { return Errno::nosys; }
Errno WasiContext::fd_allocate(M&, u32, u64, u64) { return Errno::nosys; }
Errno WasiContext::fd_datasync(M&, u32) { return Errno::nosys; }
Errno WasiContext::fd_fdstat_set_flags(M&, u32, u32) { return Errno::nosys; }
Errno WasiContext::fd_fdstat_set_rights(M&, u32, u64, u64) { return Errno::nosys; }
Errno WasiContext::fd_filestat_set_size(M&, u32, u64) { return Errno::nosys; }
Errno WasiContext::fd_filestat_set_times(M&, u32, u64, u64, u32) { return Errno::nosys; }
Errno WasiContext::fd_readdir(M&, u32, u32, u32, u64, u32) { return Errno::nosys; }
Errno WasiContext::fd_renumber(M&, u32, u32) { return Errno::nosys; }
Errno WasiContext::fd_sync(M&, u32) { return Errno::nosys; }
Errno WasiContext::path_create_directory(M&, u32, u32, u32) { return Errno::nosys; }
Errno WasiContext::path_filestat_get(M&, u32, u32, u32, u32, u32) { return Errno::nosys; }
Errno WasiContext::path_filestat_set_times(M&, u32, u32, u32, u32, u64, u64, u32) { return Errno::nosys; }
Errno WasiContext::path_link(M&, u32, u32, u32, u32, u32, u32, u32) { return Errno::nosys; }
Errno WasiContext::path_readlink(M&, u32, u32, u32, u32, u32, u32) { return Errno::nosys; }
Errno WasiContext::path_remove_directory(M&, u32, u32, u32) { return Errno::nosys; }
Errno WasiContext::path_rename(M&, u32, u32, u32, u32, u32, u32) { return Errno::nosys; }
Errno WasiContext::path_symlink(M&, u32, u32, u32, u32, u32) { return Errno::nosys; }
Errno WasiContext::path_unlink_file(M&, u32, u32, u32) { return Errno::nosys; }
Errno WasiContext::poll_oneoff(M&, u32, u32, u32, u32) { return Errno::nosys; }
Errno WasiContext::proc_raise(M&, u32) { return Errno::nosys; }
Errno WasiContext::sock_accept(M&, u32, u32, u32) { return Errno::nosys; }
Errno WasiContext::sock_recv(M&, u32, u32, u32, u32, u32, u32) { return Errno::nosys; }
Errno WasiContext::sock_send(M&, u32, u32, u32, u32, u32) { return Errno::nosys; }
Errno WasiContext::sock_shutdown(M&, u32, u32) { return Errno::nosys; }

}  // namespace wasishim
