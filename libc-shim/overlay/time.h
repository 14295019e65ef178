/* wasishim overlay: wasi-libc's <time.h>, whose clock() declaration is
 * marked deprecated unless an emulation macro is given; the shim defines
 * clock on the host's process CPU-time clock (docs/porting.md), so that
 * declaration is renamed away and the plain one given. */
#ifndef WASISHIM_OVERLAY_TIME_H
#define WASISHIM_OVERLAY_TIME_H
#define clock __wasishim_wasi_libc_clock
#include_next <time.h>
#undef clock
#ifdef __cplusplus
extern "C" {
#endif
clock_t clock(void);
#ifdef __cplusplus
}
#endif
#endif
