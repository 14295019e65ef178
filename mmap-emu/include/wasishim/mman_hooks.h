/* The contract between libc-shim and mmap-emu.
 *
 * The shim calls these around file I/O so that mappings stay coherent with
 * read/write/pwrite/ftruncate/close. They are weak in the shim: a program
 * without mmap-emu links and runs, and mmap-emu linked without the shim (as a
 * drop-in for -lwasi-emulated-mman) simply gets no calls, so it is not
 * coherent with file I/O, as docs/mmap.md says.
 *
 * `fd` is always the WASI descriptor number the program used. Offsets are
 * file offsets. Functions returning int return 0 or a positive errno value.
 */
#ifndef WASISHIM_MMAN_HOOKS_H
#define WASISHIM_MMAN_HOOKS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Before the shim reads [offset, offset+len) of fd's file (read, pread,
 * readv, preadv): write back any dirty shared-mapping pages of that file
 * overlapping the range, so the read sees bytes stored through a mapping. */
int __wasishim_mman_before_read(int fd, int64_t offset, size_t len);

/* After the shim wrote `len` bytes at `offset` of fd's file (write, pwrite,
 * writev, pwritev; for O_APPEND, the offset the bytes landed at): copy them
 * into every shared mapping of that range, so mappings see the write at once.
 * `data` is the bytes written, contiguous. */
void __wasishim_mman_after_write(int fd, int64_t offset, const void* data, size_t len);

/* Before ftruncate/truncate-through-fd changes fd's file size: write back
 * dirty shared pages, so nothing stored through a mapping is lost. */
int __wasishim_mman_before_truncate(int fd, int64_t new_size);

/* After fd's file size changed to new_size (ftruncate, or a write that grew
 * the file): update what mappings see past the old or new end of file. */
void __wasishim_mman_after_resize(int fd, int64_t new_size);

/* The program closes fd. Returns 1 if mmap-emu still maps the file and takes
 * ownership of the WASI descriptor (the shim then treats fd as closed for the
 * program but must not call fd_close; mmap-emu closes it with fd_close when the
 * last mapping of it goes away). Returns 0 if the shim should close it now. */
int __wasishim_mman_adopt_on_close(int fd);

/* Every exit path the shim sees (exit, return from main, _Exit, abort):
 * write back every dirty shared page. Returns 0 or the first errno. */
int __wasishim_mman_flush_all(void);

#ifdef __cplusplus
}
#endif

#endif
