/* wasishim overlay: wasi-libc's <stdlib.h> plus the functions the shim adds
 * (temporary files in a preopened directory, realpath). */
#include_next <stdlib.h>

#ifndef WASISHIM_OVERLAY_STDLIB_H
#define WASISHIM_OVERLAY_STDLIB_H
#ifdef __cplusplus
extern "C" {
#endif
int mkstemp(char*);
int mkostemp(char*, int);
char* mkdtemp(char*);
char* realpath(const char* __restrict, char* __restrict);
#ifdef __cplusplus
}
#endif
#endif
