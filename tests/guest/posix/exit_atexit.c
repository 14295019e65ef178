/* exit runs the program's atexit handlers in reverse order and flushes stdio
 * (the shim's own exit handler, registered first, runs after them).
 * Linux is the oracle.
 * wasishim-test: native
 * wasishim-test: exit 3 */
#include <stdio.h>
#include <stdlib.h>

static void first(void) { printf("registered first, runs last\n"); }
static void second(void) { printf("registered second, runs first\n"); }

int main(void) {
  atexit(first);
  atexit(second);
  printf("buffered line flushed at exit");
  exit(3);
}
