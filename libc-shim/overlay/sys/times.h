/* wasishim: <sys/times.h>, whole (wasi-libc's refuses to compile without an
 * emulation macro). times reports the process CPU time the host's clock
 * gives as user time, in sysconf(_SC_CLK_TCK) ticks (docs/porting.md). */
#ifndef WASISHIM_OVERLAY_SYS_TIMES_H
#define WASISHIM_OVERLAY_SYS_TIMES_H

#define __NEED_clock_t
#include <bits/alltypes.h>
#include <__struct_tms.h>

#ifdef __cplusplus
extern "C" {
#endif
clock_t times(struct tms*);
#ifdef __cplusplus
}
#endif
#endif
