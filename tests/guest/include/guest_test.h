/* Helpers for guest test programs. The same source builds for wasm32-wasi
 * and, for tests marked `wasishim-test: native`, for Linux; output must be
 * identical, so print errno names, never strerror text or addresses. */
#ifndef WASISHIM_GUEST_TEST_H
#define WASISHIM_GUEST_TEST_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

/* On Linux there is no ENOTCAPABLE; give it a value no call returns. */
#ifndef ENOTCAPABLE
#define ENOTCAPABLE 100000
#endif

static inline const char* errname(int e) {
  switch (e) {
    case 0: return "0";
#define E(x) case x: return #x;
    E(EPERM) E(ENOENT) E(EINTR) E(EIO) E(ENXIO) E(E2BIG) E(EBADF) E(EAGAIN)
    E(ENOMEM) E(EACCES) E(EFAULT) E(EBUSY) E(EEXIST) E(EXDEV) E(ENODEV)
    E(ENOTDIR) E(EISDIR) E(EINVAL) E(ENFILE) E(EMFILE) E(ENOTTY) E(EFBIG)
    E(ENOSPC) E(ESPIPE) E(EROFS) E(EMLINK) E(EPIPE) E(ERANGE) E(EDEADLK)
    E(ENAMETOOLONG) E(ENOLCK) E(ENOSYS) E(ENOTEMPTY) E(ELOOP) E(EOVERFLOW)
    E(ENOTSUP) E(ENOTSOCK) E(ETXTBSY) E(ETIMEDOUT) E(ENOTCAPABLE) E(ESRCH) E(ECHILD)
    E(ENOPROTOOPT) E(EAFNOSUPPORT)
#undef E
    default: return "E?";
  }
}

/* Prints "label: result" or "label: -1 ENAME" for a call returning -1 on error. */
#define SHOW(label, expr)                                            \
  do {                                                               \
    errno = 0;                                                       \
    long show_r_ = (long)(expr);                                     \
    if (show_r_ < 0)                                                 \
      printf("%s: %ld %s\n", (label), show_r_, errname(errno));      \
    else                                                             \
      printf("%s: %ld\n", (label), show_r_);                         \
  } while (0)

/* Fails the test (exit 1) with a message when cond is false. */
#define REQUIRE(cond)                                                          \
  do {                                                                         \
    if (!(cond)) {                                                             \
      printf("REQUIRE failed at %s:%d: %s (errno %s)\n", __FILE__, __LINE__,   \
             #cond, errname(errno));                                           \
      exit(1);                                                                 \
    }                                                                          \
  } while (0)

#endif
