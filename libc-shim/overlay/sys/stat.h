/* wasishim overlay: wasi-libc's <sys/stat.h> plus umask and the chmod family,
 * which the shim keeps as per-instance bookkeeping (docs/porting.md). */
#include_next <sys/stat.h>

#ifndef WASISHIM_OVERLAY_SYS_STAT_H
#define WASISHIM_OVERLAY_SYS_STAT_H
#ifdef __cplusplus
extern "C" {
#endif
int chmod(const char*, mode_t);
int fchmod(int, mode_t);
int fchmodat(int, const char*, mode_t, int);
mode_t umask(mode_t);
#ifdef __cplusplus
}
#endif
#endif
