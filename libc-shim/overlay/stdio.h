/* wasishim overlay: wasi-libc's <stdio.h>, whose tmpfile declaration is
 * marked deprecated ("not defined on WASI"); the shim defines tmpfile, so
 * that declaration is renamed away and the plain one given. popen and
 * pclose are declared so code compiles; popen fails with ENOSYS. */
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
#ifdef __cplusplus
}
#endif
#endif
