/* A mapping outlives close() of its descriptor: stores after the close reach
 * the file on msync and munmap, and a new descriptor's read sees them.
 * wasishim-test: native */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "guest_test.h"

int main(int argc, char** argv) {
  REQUIRE(argc > 1);
  char path[512], other[512];
  snprintf(path, sizeof path, "%s/kept.bin", argv[1]);
  snprintf(other, sizeof other, "%s/other.bin", argv[1]);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(ftruncate(fd, 8192) == 0);
  char* m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  REQUIRE(m != MAP_FAILED);
  char* p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  REQUIRE(p != MAP_FAILED);
  SHOW("close", close(fd));

  /* The closed number may be handed out again: it must not receive our pages. */
  int o = open(other, O_RDWR | O_CREAT | O_TRUNC, 0644);
  REQUIRE(o >= 0);
  SHOW("write other", write(o, "other file", 10));

  strcpy(m, "after close");
  SHOW("msync", msync(m, 8192, MS_SYNC));
  strcpy(m + 4096, "second page, no msync");

  int again = open(path, O_RDONLY);
  REQUIRE(again >= 0);
  char got[32] = {0};
  SHOW("pread page 0", pread(again, got, 11, 0));
  printf("page 0: %s\n", got);
  memset(got, 0, sizeof got);
  SHOW("pread page 1", pread(again, got, 21, 4096));
  printf("page 1: %s\n", got);

  /* The private mapping re-reads its file after the close. (Before that,
   * whether it shows the shared store is unspecified: Linux does, mmap-emu's
   * private copy does not.) */
  SHOW("madvise DONTNEED private", madvise(p, 8192, MADV_DONTNEED));
  printf("private after DONTNEED: [%.11s]\n", p);

  strcpy(m + 100, "at munmap");
  SHOW("munmap", munmap(m, 8192));
  SHOW("munmap private", munmap(p, 8192));
  memset(got, 0, sizeof got);
  SHOW("pread", pread(again, got, 9, 100));
  printf("after munmap: %s\n", got);
  SHOW("close", close(again) + close(o));
  return 0;
}
