/* Stores through a shared mapping with no msync reach the file when the
 * program ends with exit() (atexit handlers' stores included).
 * wasishim-test: native */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "guest_test.h"

static char* late;

static void handler(void) { strcpy(late, "stored by an atexit handler"); }

int main(int argc, char** argv) {
  REQUIRE(argc > 1);
  char path[512];
  snprintf(path, sizeof path, "%s/exit.bin", argv[1]);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0 && ftruncate(fd, 8192) == 0);
  char* m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  REQUIRE(m != MAP_FAILED);
  late = m + 4096;
  atexit(handler);
  strcpy(m, "stored before exit");
  printf("exiting\n");
  exit(0);
}
