/* A write-back that fails at the end of the program is never silent (issue
 * 10, item 5): the program returns 0 from main, its stores reach no file
 * (the host fails the 1st and the 2nd write, so the retry fails too), and
 * mmap-emu reports it on stderr and makes the status 74 (EX_IOERR).
 * wasishim-test: host-args --fail-write 1:nospc --fail-write 2:nospc
 * wasishim-test: exit 74
 * wasishim-test: no-node Node's WASI cannot fail writes on demand */
#include <fcntl.h>
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
  printf("returning 0 with a store not written back\n");
  return 0;
}
