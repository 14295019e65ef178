/* As exit_writeback_failure.c, leaving through _Exit(5): a failed
 * write-back at the end makes the status 74 whatever the program asked for.
 * wasishim-test: host-args --fail-write 1:io --fail-write 2:io
 * wasishim-test: exit 74
 * wasishim-test: no-node Node's WASI cannot fail writes on demand */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "guest_test.h"

int main(int argc, char** argv) {
  REQUIRE(argc > 1);
  char path[512];
  snprintf(path, sizeof path, "%s/exit_failure.bin", argv[1]);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0 && ftruncate(fd, 4096) == 0);
  char* m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  REQUIRE(m != MAP_FAILED);
  strcpy(m + 10, "never written");
  printf("leaving by _Exit(5)\n");
  fflush(stdout);
  _Exit(5);
}
