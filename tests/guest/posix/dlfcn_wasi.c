/* wasm32-wasi specifics of <dlfcn.h>: nothing can be loaded, not even a
 * handle for the program itself (dlopen(NULL)), so every lookup fails,
 * dlclose fails on any handle, dladdr finds nothing, and dlerror names the
 * call and says why. Expected output written by hand (docs/porting.md). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>

static void show(const char* label) {
  const char* e = dlerror();
  printf("%s: %s\n", label, e ? e : "(NULL)");
}

int main(void) {
  printf("dlopen(NULL): %s\n", dlopen(NULL, RTLD_NOW) ? "a handle" : "NULL");
  show("dlerror");
  show("dlerror again");
  printf("dlopen(libm.so.6): %s\n", dlopen("libm.so.6", RTLD_LAZY) ? "a handle" : "NULL");
  show("dlerror");
  printf("dlsym(RTLD_DEFAULT, main): %s\n", dlsym(RTLD_DEFAULT, "main") ? "an address" : "NULL");
  show("dlerror");
  printf("dlsym(RTLD_NEXT, printf): %s\n", dlsym(RTLD_NEXT, "printf") ? "an address" : "NULL");
  show("dlerror");
  printf("dlclose: %d\n", dlclose(NULL));
  show("dlerror");
  Dl_info info;
  printf("dladdr(main): %d\n", dladdr((const void*)main, &info));
  show("dlerror after dladdr");
  return 0;
}
