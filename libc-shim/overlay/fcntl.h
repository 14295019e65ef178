/* wasishim overlay: wasi-libc's <fcntl.h> plus the record-lock commands the
 * shim implements (values as on Linux), a real O_CLOEXEC, and F_DUPFD. */
#include_next <fcntl.h>

#ifndef WASISHIM_OVERLAY_FCNTL_H
#define WASISHIM_OVERLAY_FCNTL_H
/* wasi-libc makes O_CLOEXEC 0; the shim keeps FD_CLOEXEC per descriptor, so
 * it gets a bit of its own that open() understands and WASI never sees. */
#undef O_CLOEXEC
#define O_CLOEXEC (0x20000000)
#ifndef F_DUPFD
#define F_DUPFD 0
#endif
#ifndef F_GETLK
#define F_GETLK 5
#define F_SETLK 6
#define F_SETLKW 7
#endif
#ifndef F_RDLCK
#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2
#endif
#ifndef F_DUPFD_CLOEXEC
#define F_DUPFD_CLOEXEC 1030
#endif
#endif
