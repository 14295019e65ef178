/* MAP_FIXED replaces pages the program mapped; MAP_FIXED_NOREPLACE refuses
 * to. Replaced shared pages are written back first.
 * wasishim-test: native */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "guest_test.h"

#define P 4096

int main(int argc, char** argv) {
  REQUIRE(argc > 1);
  char path[512];
  snprintf(path, sizeof path, "%s/fixed.bin", argv[1]);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0 && ftruncate(fd, 4 * P) == 0);

  char* m = mmap(NULL, 4 * P, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  REQUIRE(m != MAP_FAILED);
  memset(m, 'm', 4 * P);
  /* Replace pages 1-2 with anonymous memory: their stores reach the file. */
  char* a = mmap(m + P, 2 * P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  printf("MAP_FIXED anonymous: %s, zero %d\n", a == m + P ? "ok" : "failed", a[0] == 0 && a[P + 5] == 0);
  strcpy(a, "anonymous");
  char got[4] = {0};
  SHOW("pread page 1", pread(fd, got, 1, P + 7));
  printf("file page 1 kept the store: %c\n", got[0]);

  /* Replace page 1 again with page 3 of the file, shared. */
  char* f = mmap(m + P, P, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 3 * P);
  printf("MAP_FIXED file: %s, shows page 3: %c\n", f == m + P ? "ok" : "failed", f[0]);
  f[1] = 'F';
  printf("page 3 through the first mapping after a call: %s\n",
         msync(m, 4 * P, MS_ASYNC) == 0 ? (m[3 * P + 1] == 'F' ? "F" : "old") : errname(errno));

  errno = 0;
  void* r = mmap(m, P, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  printf("MAP_FIXED_NOREPLACE over a mapping: %s\n", r == MAP_FAILED ? errname(errno) : "mapped");
  SHOW("munmap", munmap(m, 4 * P));
  /* A hint naming free pages is honoured (the pages m had are free now). */
  void* h = mmap(m + P, P, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  printf("hint honoured: %d\n", h == m + P);
  SHOW("close", close(fd));
  return 0;
}
