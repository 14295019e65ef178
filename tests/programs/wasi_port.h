/* Force-included (-include) into the wasm builds of the third-party programs,
 * whose sources are compiled unchanged.
 *
 * SQLite's WASI configuration (SQLITE_WASI, set by itself for __wasi__)
 * leaves out <sys/mman.h> yet uses PROT_READ, MAP_SHARED and MAP_FAILED once
 * SQLITE_MAX_MMAP_SIZE > 0; and it calls getpagesize(), which wasi-libc's
 * <unistd.h> does not declare. */
#ifndef WASISHIM_PROGRAMS_WASI_PORT_H
#define WASISHIM_PROGRAMS_WASI_PORT_H
#include <sys/mman.h>
#ifdef __cplusplus
extern "C" {
#endif
int getpagesize(void);
#ifdef __cplusplus
}
#endif
#endif
