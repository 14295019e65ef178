/* wasishim overlay: wasi-libc's <sys/ioctl.h> (FIONREAD, FIONBIO) plus the
 * terminal requests the shim answers: TIOCGWINSZ and TIOCSWINSZ (a window
 * size on a terminal, ENOTTY elsewhere) and TIOCGPGRP. Values are Linux's.
 * See docs/porting.md. */
#include_next <sys/ioctl.h>

#ifndef WASISHIM_OVERLAY_SYS_IOCTL_H
#define WASISHIM_OVERLAY_SYS_IOCTL_H
#ifndef WASISHIM_STRUCT_WINSIZE
#define WASISHIM_STRUCT_WINSIZE
struct winsize {
  unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel;
};
#endif
#define TCGETS 0x5401
#define TCSETS 0x5402
#define TIOCGPGRP 0x540F
#define TIOCSPGRP 0x5410
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#endif
