// Proves that each raw import in syscalls.h has exactly the wasm signature
// wasi-libc gives the same import. The module references both; wasm-ld merges
// two imports of one module and name only when their signatures are equal and
// otherwise keeps both. check_imports.py then requires every preview1 import to
// appear exactly once. proc_raise has no wasi-libc twin (its api.h dropped it);
// it is checked for presence only.
//
// Build: link with wasi-libc, as any guest program.
// Check: python3 check_imports.py import_signatures.wasm
#include <wasishim/syscalls.h>

#include <wasi/api.h>

namespace sys = wasishim::sys;

namespace {
template <class F>
void* address(F* function) {
  return reinterpret_cast<void*>(function);
}
}  // namespace

// volatile, so that no reference, and hence no import, is optimised away.
void* volatile keep[] = {
    address(&sys::__wasishim_sys_args_get),
    address(&sys::__wasishim_sys_args_sizes_get),
    address(&sys::__wasishim_sys_environ_get),
    address(&sys::__wasishim_sys_environ_sizes_get),
    address(&sys::__wasishim_sys_clock_res_get),
    address(&sys::__wasishim_sys_clock_time_get),
    address(&sys::__wasishim_sys_fd_advise),
    address(&sys::__wasishim_sys_fd_allocate),
    address(&sys::__wasishim_sys_fd_close),
    address(&sys::__wasishim_sys_fd_datasync),
    address(&sys::__wasishim_sys_fd_fdstat_get),
    address(&sys::__wasishim_sys_fd_fdstat_set_flags),
    address(&sys::__wasishim_sys_fd_fdstat_set_rights),
    address(&sys::__wasishim_sys_fd_filestat_get),
    address(&sys::__wasishim_sys_fd_filestat_set_size),
    address(&sys::__wasishim_sys_fd_filestat_set_times),
    address(&sys::__wasishim_sys_fd_pread),
    address(&sys::__wasishim_sys_fd_prestat_get),
    address(&sys::__wasishim_sys_fd_prestat_dir_name),
    address(&sys::__wasishim_sys_fd_pwrite),
    address(&sys::__wasishim_sys_fd_read),
    address(&sys::__wasishim_sys_fd_readdir),
    address(&sys::__wasishim_sys_fd_renumber),
    address(&sys::__wasishim_sys_fd_seek),
    address(&sys::__wasishim_sys_fd_sync),
    address(&sys::__wasishim_sys_fd_tell),
    address(&sys::__wasishim_sys_fd_write),
    address(&sys::__wasishim_sys_path_create_directory),
    address(&sys::__wasishim_sys_path_filestat_get),
    address(&sys::__wasishim_sys_path_filestat_set_times),
    address(&sys::__wasishim_sys_path_link),
    address(&sys::__wasishim_sys_path_open),
    address(&sys::__wasishim_sys_path_readlink),
    address(&sys::__wasishim_sys_path_remove_directory),
    address(&sys::__wasishim_sys_path_rename),
    address(&sys::__wasishim_sys_path_symlink),
    address(&sys::__wasishim_sys_path_unlink_file),
    address(&sys::__wasishim_sys_poll_oneoff),
    address(&sys::__wasishim_sys_proc_exit),
    address(&sys::__wasishim_sys_proc_raise),
    address(&sys::__wasishim_sys_sched_yield),
    address(&sys::__wasishim_sys_random_get),
    address(&sys::__wasishim_sys_sock_accept),
    address(&sys::__wasishim_sys_sock_recv),
    address(&sys::__wasishim_sys_sock_send),
    address(&sys::__wasishim_sys_sock_shutdown),
    address(&__wasi_args_get),
    address(&__wasi_args_sizes_get),
    address(&__wasi_environ_get),
    address(&__wasi_environ_sizes_get),
    address(&__wasi_clock_res_get),
    address(&__wasi_clock_time_get),
    address(&__wasi_fd_advise),
    address(&__wasi_fd_allocate),
    address(&__wasi_fd_close),
    address(&__wasi_fd_datasync),
    address(&__wasi_fd_fdstat_get),
    address(&__wasi_fd_fdstat_set_flags),
    address(&__wasi_fd_fdstat_set_rights),
    address(&__wasi_fd_filestat_get),
    address(&__wasi_fd_filestat_set_size),
    address(&__wasi_fd_filestat_set_times),
    address(&__wasi_fd_pread),
    address(&__wasi_fd_prestat_get),
    address(&__wasi_fd_prestat_dir_name),
    address(&__wasi_fd_pwrite),
    address(&__wasi_fd_read),
    address(&__wasi_fd_readdir),
    address(&__wasi_fd_renumber),
    address(&__wasi_fd_seek),
    address(&__wasi_fd_sync),
    address(&__wasi_fd_tell),
    address(&__wasi_fd_write),
    address(&__wasi_path_create_directory),
    address(&__wasi_path_filestat_get),
    address(&__wasi_path_filestat_set_times),
    address(&__wasi_path_link),
    address(&__wasi_path_open),
    address(&__wasi_path_readlink),
    address(&__wasi_path_remove_directory),
    address(&__wasi_path_rename),
    address(&__wasi_path_symlink),
    address(&__wasi_path_unlink_file),
    address(&__wasi_poll_oneoff),
    address(&__wasi_proc_exit),
    address(&__wasi_sched_yield),
    address(&__wasi_random_get),
    address(&__wasi_sock_accept),
    address(&__wasi_sock_recv),
    address(&__wasi_sock_send),
    address(&__wasi_sock_shutdown),
};

int main() {
  for (void* p : keep) {
    if (p == nullptr) return 1;
  }
  return 0;
}
