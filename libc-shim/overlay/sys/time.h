/* wasishim overlay: wasi-libc's <sys/time.h> plus the real-time interval
 * timer (ITIMER_REAL), which the shim implements on the monotonic clock
 * (docs/porting.md, "Signals"). */
#include_next <sys/time.h>

#ifndef WASISHIM_OVERLAY_SYS_TIME_H
#define WASISHIM_OVERLAY_SYS_TIME_H
#ifdef __cplusplus
extern "C" {
#endif
#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2
struct itimerval {
  struct timeval it_interval;
  struct timeval it_value;
};
int getitimer(int, struct itimerval*);
int setitimer(int, const struct itimerval* __restrict, struct itimerval* __restrict);
#ifdef __cplusplus
}
#endif
#endif
