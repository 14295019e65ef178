/* Helpers for the per-function host tests: raw wasi_snapshot_preview1 calls
 * (wasi-libc's <wasi/api.h>), so each test sees exactly what the host
 * returns. wasi-libc's E* values are the WASI errno numbers, so errname()
 * from guest_test.h names WASI errnos too. The sandbox is preopened as fd 3. */
#ifndef WASISHIM_GUEST_HOST_H
#define WASISHIM_GUEST_HOST_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

#include "guest_test.h"

#define SANDBOX 3

/* wasi-libc leaves proc_raise out of <wasi/api.h>; import it directly. */
__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_raise")))
uint16_t wasishim_proc_raise(uint8_t sig);
#define WASI_SIGTERM 15 /* __WASI_SIGNAL_TERM in the witx */
#define WASI_SIGCHLD 16 /* __WASI_SIGNAL_CHLD */

/* Prints "label: NAME" for a WASI errno result. */
#define E(label, expr) printf("%s: %s\n", (label), errname((int)(expr)))

static const __wasi_rights_t kFileRights =
    __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK |
    __WASI_RIGHTS_FD_TELL | __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE |
    __WASI_RIGHTS_FD_FILESTAT_SET_TIMES | __WASI_RIGHTS_FD_FDSTAT_SET_FLAGS |
    __WASI_RIGHTS_FD_SYNC | __WASI_RIGHTS_FD_DATASYNC | __WASI_RIGHTS_FD_ALLOCATE |
    __WASI_RIGHTS_FD_ADVISE | __WASI_RIGHTS_POLL_FD_READWRITE;

static const __wasi_rights_t kDirRights =
    __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_PATH_FILESTAT_GET |
    __WASI_RIGHTS_PATH_CREATE_FILE | __WASI_RIGHTS_PATH_CREATE_DIRECTORY;

static inline __wasi_errno_t open_at(const char* path, __wasi_lookupflags_t lookup,
                                     __wasi_oflags_t oflags, __wasi_rights_t rights,
                                     __wasi_fdflags_t fdflags, __wasi_fd_t* fd) {
  return __wasi_path_open(SANDBOX, lookup, path, oflags, rights, rights, fdflags, fd);
}

static inline __wasi_errno_t make_file(const char* path, const char* contents) {
  __wasi_fd_t fd;
  __wasi_errno_t e = open_at(path, 0, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, kFileRights, 0, &fd);
  if (e) return e;
  __wasi_ciovec_t iov = {(const uint8_t*)contents, strlen(contents)};
  __wasi_size_t n;
  e = __wasi_fd_write(fd, &iov, 1, &n);
  (void)__wasi_fd_close(fd);
  return e;
}

#endif
