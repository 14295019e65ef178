/* wasishim: the signal set, replacing wasi-libc's one-byte placeholder.
 * <bits/alltypes.h> includes this for every header that names sigset_t
 * (<signal.h>, <poll.h>, <sys/select.h>), so all of them agree. Signals 1-64,
 * one bit each. */
#ifndef __wasilibc___typedef_sigset_t_h
#define __wasilibc___typedef_sigset_t_h

typedef struct __sigset_t {
  unsigned long __bits[64 / (8 * sizeof(unsigned long))];
} sigset_t;

#endif
