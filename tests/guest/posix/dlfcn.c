/* <dlfcn.h> where loading fails: what POSIX specifies for a library that
 * cannot be loaded and a symbol that is not found — NULL, a message from
 * dlerror, and NULL from dlerror once that message has been read. Linux is
 * the oracle (there, because the library does not exist; in wasm32-wasi,
 * because nothing can be loaded). dlfcn_wasi checks the rest.
 * wasishim-test: native
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>

static void show_error(const char* label) {
  const char* first = dlerror();
  const char* second = dlerror();
  printf("%s: dlerror %s, then %s\n", label, first ? "a message" : "NULL", second ? "a message" : "NULL");
}

int main(void) {
  printf("RTLD_LAZY %d RTLD_NOW %d RTLD_GLOBAL %d RTLD_LOCAL %d RTLD_NOLOAD %d RTLD_NODELETE %d\n",
         RTLD_LAZY, RTLD_NOW, RTLD_GLOBAL, RTLD_LOCAL, RTLD_NOLOAD, RTLD_NODELETE);
  printf("RTLD_DEFAULT null: %s\n", RTLD_DEFAULT == NULL ? "yes" : "no");
  show_error("before any call");

  void* h = dlopen("libwasishim-no-such-library.so.1", RTLD_NOW | RTLD_LOCAL);
  printf("dlopen missing library: %s\n", h ? "a handle" : "NULL");
  show_error("after dlopen");

  void* sym = dlsym(RTLD_DEFAULT, "wasishim_no_such_symbol");
  printf("dlsym missing symbol: %s\n", sym ? "an address" : "NULL");
  show_error("after dlsym");

  h = dlopen("/nonexistent/dir/libz.so", RTLD_LAZY | RTLD_GLOBAL);
  printf("dlopen missing path: %s\n", h ? "a handle" : "NULL");
  /* A second failure replaces the first message; one read empties it. */
  (void)dlsym(RTLD_DEFAULT, "another_missing_symbol");
  show_error("after two failures");
  return 0;
}
