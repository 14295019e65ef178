/* One page size everywhere: sysconf(_SC_PAGESIZE), getpagesize(), PAGESIZE
 * and PAGE_SIZE all give mmap-emu's 4096 (wasi-libc alone would say 64 KiB),
 * and other sysconf names still reach wasi-libc's sysconf. Written by hand:
 * the values are wasishim's definition. */
#include <limits.h>
#include <unistd.h>

#include "guest_test.h"

int main(void) {
  printf("sysconf(_SC_PAGESIZE): %ld\n", sysconf(_SC_PAGESIZE));
  printf("sysconf(_SC_PAGE_SIZE): %ld\n", sysconf(_SC_PAGE_SIZE));
  printf("getpagesize(): %d\n", getpagesize());
  printf("PAGESIZE: %d\n", (int)PAGESIZE);
  printf("PAGE_SIZE: %d\n", (int)PAGE_SIZE);
  printf("sysconf(_SC_IOV_MAX) is IOV_MAX: %d\n", sysconf(_SC_IOV_MAX) == IOV_MAX);
  errno = 0;
  printf("sysconf(bad) -1 EINVAL: %d\n", sysconf(-12345) == -1 && errno == EINVAL);
  return 0;
}
