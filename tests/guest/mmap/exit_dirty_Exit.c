/* Stores through a shared mapping with no msync reach the file when the
 * program ends with _Exit, which runs no atexit handlers.
 * wasishim-test: native
 * wasishim-test: exit 3 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "guest_test.h"

int main(int argc, char** argv) {
  REQUIRE(argc > 1);
  char path[512];
  snprintf(path, sizeof path, "%s/underscore_exit.bin", argv[1]);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0 && ftruncate(fd, 4096) == 0);
  char* m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  REQUIRE(m != MAP_FAILED);
  strcpy(m + 10, "stored before _Exit");
  printf("leaving\n");
  fflush(stdout);
  _Exit(3);
}
