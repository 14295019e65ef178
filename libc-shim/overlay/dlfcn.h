/* wasishim: <dlfcn.h> (Debian's wasi-libc has none). A wasm32-wasi module is
 * one static program: nothing can load code into it at run time. dlopen and
 * dlsym return NULL, dlclose fails, and dlerror says why, so a program that
 * loads plug-ins compiles and takes its "cannot load" path. The constants
 * have Linux's values. See docs/porting.md. */
#ifndef WASISHIM_OVERLAY_DLFCN_H
#define WASISHIM_OVERLAY_DLFCN_H

#include <features.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RTLD_LAZY 0x00001
#define RTLD_NOW 0x00002
#define RTLD_NOLOAD 0x00004
#define RTLD_DEEPBIND 0x00008
#define RTLD_GLOBAL 0x00100
#define RTLD_LOCAL 0
#define RTLD_NODELETE 0x01000

#define RTLD_NEXT ((void*)-1)
#define RTLD_DEFAULT ((void*)0)

void* dlopen(const char*, int);
void* dlsym(void* __restrict, const char* __restrict);
int dlclose(void*);
char* dlerror(void);

#if defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
typedef struct {
  const char* dli_fname;
  void* dli_fbase;
  const char* dli_sname;
  void* dli_saddr;
} Dl_info;
int dladdr(const void*, Dl_info*);
void* dlvsym(void* __restrict, const char* __restrict, const char* __restrict);
#endif

#ifdef __cplusplus
}
#endif

#endif
