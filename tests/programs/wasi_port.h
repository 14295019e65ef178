/* Force-included (-include) into the wasm build of SQLite, whose sources are
 * compiled unchanged.
 *
 * SQLite's WASI configuration (SQLITE_WASI, set by itself for __wasi__)
 * leaves out <sys/mman.h> yet uses PROT_READ, MAP_SHARED and MAP_FAILED once
 * SQLITE_MAX_MMAP_SIZE > 0. It also calls getpagesize(), which wasi-libc
 * neither declares nor defines; wasishim's overlay <unistd.h> declares it and
 * libc-shim defines it. */
#ifndef WASISHIM_PROGRAMS_WASI_PORT_H
#define WASISHIM_PROGRAMS_WASI_PORT_H
#include <sys/mman.h>
#include <unistd.h>
#endif
