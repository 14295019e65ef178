/* Writes to a pipe (stdout here) are points where a store through one shared
 * mapping becomes visible in another mapping of the same page (issue 10,
 * item 8; docs/mmap.md, "When a store is visible"). The two mappings overlap
 * without one holding the other, so they are two copies in wasm memory.
 * wasishim-test: native */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "guest_test.h"

#define P 4096

int main(int argc, char** argv) {
  REQUIRE(argc > 1);
  char path[512];
  snprintf(path, sizeof path, "%s/pipe_propagation.bin", argv[1]);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0 && ftruncate(fd, 3 * P) == 0);
  char* a = mmap(NULL, 2 * P, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  char* b = mmap(NULL, 2 * P, PROT_READ | PROT_WRITE, MAP_SHARED, fd, P);
  REQUIRE(a != MAP_FAILED && b != MAP_FAILED);
  a[P + 5] = 'Q';
  REQUIRE(write(1, "a store, then a write to stdout\n", 32) == 32);
  printf("the other mapping shows: %c\n", b[5]);
  fflush(stdout);
  b[9] = 'R';
  REQUIRE(write(1, "and back\n", 9) == 9);
  printf("the first mapping shows: %c\n", a[P + 9]);
  return 0;
}
