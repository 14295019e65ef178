/* _exit ends the program at once with its status: atexit handlers do not
 * run and stdio buffers are not flushed (the shim's _Exit replaces
 * wasi-libc's). Linux is the oracle.
 * wasishim-test: native
 * wasishim-test: exit 7 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void handler(void) { printf("atexit handler ran\n"); }

int main(void) {
  atexit(handler);
  printf("before _exit\n");
  fflush(stdout);
  printf("buffered, never flushed");
  _exit(7);
}
