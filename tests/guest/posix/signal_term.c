/* raise(SIGTERM) with the default action ends the program as killed by
 * SIGTERM: status 143 (128 + 15, as a shell reports it), atexit handlers do
 * not run, stdio output not yet flushed is lost, and what the program stored
 * through a shared mapping reaches the file first. Linux is the oracle.
 * wasishim-test: native
 * wasishim-test: exit 143 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "guest_test.h"

static void at_exit(void) {
  printf("atexit handler ran\n");
  fflush(stdout);
}

int main(int argc, char** argv) {
  REQUIRE(argc > 1);
  char path[4096];
  snprintf(path, sizeof path, "%s/mapped", argv[1]);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(ftruncate(fd, 4096) == 0);
  char* p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  REQUIRE(p != MAP_FAILED);
  memcpy(p, "stored through the mapping\n", 27);
  atexit(at_exit);
  printf("before raise\n");
  fflush(stdout);
  printf("buffered, never flushed");
  raise(SIGTERM);
  printf("after raise\n");
  return 0;
}
