/* wasishim overlay: wasi-libc's <stdio.h>, whose tmpfile declaration is
 * marked deprecated ("not defined on WASI"); the shim defines tmpfile, so
 * that declaration is renamed away and the plain one given. popen and
 * pclose are declared so code compiles; popen fails with ENOSYS.
 * flockfile, ftrylockfile and funlockfile, which wasi-libc declares only
 * for threaded builds, are the shim's: with one thread they always succeed
 * at once. */
#ifndef WASISHIM_OVERLAY_STDIO_H
#define WASISHIM_OVERLAY_STDIO_H
#define tmpfile __wasishim_wasi_libc_tmpfile
#include_next <stdio.h>
#undef tmpfile
#ifdef __cplusplus
extern "C" {
#endif
FILE* tmpfile(void);
FILE* popen(const char*, const char*);
int pclose(FILE*);
#if !defined(__wasilibc_unmodified_upstream) && !defined(_REENTRANT)
void flockfile(FILE*);
int ftrylockfile(FILE*);
void funlockfile(FILE*);
#endif
#ifdef __cplusplus
}
#endif
#endif
