/* freopen onto a stream whose descriptor a shared mapping uses (issue 10,
 * item 3): freopen puts the new file's descriptor on the old number, so
 * mmap-emu must keep writing back to the mapped file through the descriptor
 * it had: no store may be lost, and none may go to the new file.
 * wasishim-test: native */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "guest_test.h"

#define P 4096

int main(int argc, char** argv) {
  REQUIRE(argc > 1);
  char mapped[512], other[512];
  snprintf(mapped, sizeof mapped, "%s/freopen_mapped.bin", argv[1]);
  snprintf(other, sizeof other, "%s/freopen_other.txt", argv[1]);
  int fd = open(mapped, O_RDWR | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0 && ftruncate(fd, 2 * P) == 0);
  REQUIRE(close(fd) == 0);

  FILE* f = fopen(mapped, "r+");
  REQUIRE(f != NULL);
  char* m = mmap(NULL, 2 * P, PROT_READ | PROT_WRITE, MAP_SHARED, fileno(f), 0);
  REQUIRE(m != MAP_FAILED);
  memcpy(m + 10, "before freopen", 14);
  REQUIRE(freopen(other, "w", f) == f);
  memcpy(m + P + 10, "after freopen", 13);
  SHOW("msync", msync(m, 2 * P, MS_SYNC));
  fputs("text of the other file\n", f);
  memcpy(m + 40, "left for exit", 13);
  SHOW("fclose", fclose(f));
  printf("map: [%.14s] [%.13s]\n", m + 10, m + P + 10);
  return 0;
}
