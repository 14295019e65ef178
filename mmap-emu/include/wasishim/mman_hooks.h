/* The contract between libc-shim and mmap-emu (mmap-emu owns it).
 *
 * The shim calls these around file I/O so that mappings stay coherent with
 * read/write/pwrite/ftruncate/fsync/close/open(O_TRUNC) and descriptor
 * renumbering. They are weak in the shim: a program without mmap-emu links
 * and runs, and mmap-emu linked without the shim (as a drop-in for
 * -lwasi-emulated-mman) simply gets no calls, so it is not coherent with file
 * I/O, as docs/mmap.md says.
 *
 * `fd` is always the WASI descriptor behind the number the program used (the
 * same number, unless dup made it another). Offsets are file offsets; an
 * offset of -1 means the descriptor has none (a pipe, tty or socket), and
 * the call is only a point where stores through one mapping become visible
 * in the others. Functions returning int return 0 or a positive errno value
 * unless said otherwise.
 */
#ifndef WASISHIM_MMAN_HOOKS_H
#define WASISHIM_MMAN_HOOKS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* 1 while any file is mapped, else 0. While it is 0 the shim may skip the
 * read, write, resize and sync hooks and the calls it makes to feed them. */
int __wasishim_mman_files_mapped(void);

/* Before the shim reads [offset, offset+len) of fd's file (read, pread,
 * readv, preadv): write back any dirty shared-mapping pages of that file
 * overlapping the range, so the read sees bytes stored through a mapping. */
int __wasishim_mman_before_read(int fd, int64_t offset, size_t len);

/* After the shim wrote `len` bytes of `data` (contiguous) to fd's file at
 * `offset`, the offset where they landed (for O_APPEND descriptors, the end
 * of file, for pwrite too): copy them into every shared mapping of that range
 * and, when the write started past the end of file, zero the hole. */
void __wasishim_mman_after_write(int fd, int64_t offset, const void* data, size_t len);

/* Before ftruncate/truncate changes fd's file size: write back dirty shared
 * pages, so nothing stored through a mapping is lost. */
int __wasishim_mman_before_truncate(int fd, int64_t new_size);

/* After fd's file size changed to new_size (ftruncate, posix_fallocate, or
 * open with O_TRUNC, which calls it with 0): update what mappings see past
 * the old or new end of file. */
void __wasishim_mman_after_resize(int fd, int64_t new_size);

/* Before fsync/fdatasync: write back every dirty page of fd's file. */
int __wasishim_mman_before_sync(int fd);

/* The program closes fd. Returns 1 if mmap-emu still maps the file and takes
 * ownership of the WASI descriptor (the shim then treats fd as closed for the
 * program but must not call fd_close; mmap-emu closes it with fd_close when the
 * last mapping of it goes away). Returns 0 if the shim should close it now. */
int __wasishim_mman_adopt_on_close(int fd);

/* The other way, mmap-emu asking the shim (weak in mmap-emu; without the
 * shim a program descriptor is its WASI descriptor): the WASI descriptor
 * program descriptor `fd` names, or a negative errno value: -EBADF when it
 * names nothing, -ENODEV for a pipe end or a device the shim provides
 * (/dev/null...), which cannot be mapped. */
int __wasishim_wasi_descriptor(int fd);

/* For a descriptor naming the shim's own /dev/zero (opened without a preopen
 * holding /dev): 1 if it reads, plus 2 if it writes. -1 for any other
 * descriptor. mmap-emu maps it as anonymous memory, as Linux does. */
int __wasishim_dev_zero_access(int fd);

/* Every exit path the shim sees that skips atexit handlers (_Exit, _exit,
 * abort): write back every dirty shared page, once. Returns the exit status
 * to use: `status`, or 74 (EX_IOERR) when write-back failed (reported on
 * stderr). exit() and return from main reach mmap-emu's own atexit handler. */
int __wasishim_mman_exit(int status);

#ifdef __cplusplus
}
#endif

#endif
