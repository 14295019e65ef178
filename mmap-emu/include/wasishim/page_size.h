/* The one page size of wasishim's emulated memory mapping.
 *
 * mmap-emu aligns mappings and offsets to it, and sysconf(_SC_PAGESIZE) /
 * getpagesize() must report it, so ported code (LMDB, SQLite) sizes its pages
 * to match. It is 4 KiB, not the 64 KiB wasm page: Linux on x86-64 and arm64
 * (4 KiB) is the oracle of the differential tests, offsets valid there are valid
 * here, and an LMDB environment written by a wasm program (whose default page
 * size follows the OS page size) has the layout native tools expect.
 * docs/mmap.md gives the reasoning. */
#ifndef WASISHIM_PAGE_SIZE_H
#define WASISHIM_PAGE_SIZE_H

#define WASISHIM_PAGE_SIZE 4096

#ifdef __cplusplus
extern "C" {
#endif

/* WASISHIM_PAGE_SIZE, for code that links rather than includes. */
int __wasishim_page_size(void);

#ifdef __cplusplus
}
#endif

#endif
