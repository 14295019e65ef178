/* wasishim: <sys/sysmacros.h>, which wasi-libc lacks: major, minor and
 * makedev in Linux's 64-bit dev_t encoding (12 bits of major and 8 of minor
 * in the low word, the rest above), so st_rdev of a device the shim provides
 * reads as on Linux: major(st_rdev) == 1 and minor 3 for /dev/null. Preview1
 * gives host files no device numbers, so st_rdev of any other file is 0. */
#ifndef WASISHIM_OVERLAY_SYS_SYSMACROS_H
#define WASISHIM_OVERLAY_SYS_SYSMACROS_H

#define __NEED_dev_t
#include <bits/alltypes.h>

static __inline unsigned int __wasishim_major(dev_t d) {
  return (unsigned int)(((d >> 32) & 0xfffff000u) | ((d >> 8) & 0x00000fffu));
}
static __inline unsigned int __wasishim_minor(dev_t d) {
  return (unsigned int)(((d >> 12) & 0xffffff00u) | (d & 0x000000ffu));
}
static __inline dev_t __wasishim_makedev(unsigned int ma, unsigned int mi) {
  return (((dev_t)(ma & 0xfffff000u)) << 32) | (((dev_t)(ma & 0x00000fffu)) << 8) |
         (((dev_t)(mi & 0xffffff00u)) << 12) | ((dev_t)(mi & 0x000000ffu));
}

#define major(d) __wasishim_major(d)
#define minor(d) __wasishim_minor(d)
#define makedev(ma, mi) __wasishim_makedev((ma), (mi))

#endif
