/* Run by flush_entry.py: stores through a shared mapping, then traps. The
 * constructor and the atexit handler print, so a host flush that runs the
 * program's constructors or exit path again shows in stdout.
 *
 *   flush_entry DIR */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int constructor_runs;

__attribute__((constructor)) static void constructor(void) {
  ++constructor_runs;
  printf("constructor run %d\n", constructor_runs);
  fflush(stdout);
}

static void at_exit(void) {
  printf("atexit handler ran\n");
  fflush(stdout);
}

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  char path[512];
  snprintf(path, sizeof path, "%s/trapped.bin", argv[1]);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  if (fd < 0 || ftruncate(fd, 4096) != 0) return 2;
  char* m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (m == MAP_FAILED) return 2;
  strcpy(m + 10, "stored before the trap");
  atexit(at_exit);
  printf("before the trap\n");
  fflush(stdout);
  printf("buffered, never flushed\n");
  __builtin_trap();
}
