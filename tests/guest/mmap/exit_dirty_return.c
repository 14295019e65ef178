/* Stores through a shared mapping with no msync reach the file when main
 * returns, also after the descriptor was closed.
 * wasishim-test: native */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "guest_test.h"

int main(int argc, char** argv) {
  REQUIRE(argc > 1);
  char path[512];
  snprintf(path, sizeof path, "%s/return.bin", argv[1]);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0 && ftruncate(fd, 3 * 4096) == 0);
  char* m = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  REQUIRE(m != MAP_FAILED);
  REQUIRE(close(fd) == 0);
  strcpy(m + 2 * 4096 + 100, "stored after close, before return");
  printf("returning\n");
  return 0;
}
