/* fcntl(F_SETFL, O_APPEND) after mmap (issue 10, item 1). Linux's pwrite on
 * an O_APPEND descriptor appends whatever the offset, so mmap-emu must never
 * write back through one: stores still land at their own offsets, at msync,
 * at munmap and at exit, and the file does not grow; the program's own
 * write() appends.
 * wasishim-test: native
 * wasishim-test: node-differs Node's fd_fdstat_get does not report O_APPEND set by fd_fdstat_set_flags, so nothing in the guest can see the mode */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest_test.h"

#define P 4096

static void show(int fd, const char* what, long off, size_t n) {
  char got[16] = {0};
  long r = pread(fd, got, n, off);
  printf("%s at %ld: %ld [%s]\n", what, off, r, got);
}

int main(int argc, char** argv) {
  REQUIRE(argc > 1);
  char path[512];
  snprintf(path, sizeof path, "%s/append_after_map.bin", argv[1]);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0 && ftruncate(fd, 3 * P) == 0);
  char* m = mmap(NULL, 3 * P, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  REQUIRE(m != MAP_FAILED);

  memcpy(m + 100, "stored-A", 8);
  SHOW("fcntl O_APPEND", fcntl(fd, F_SETFL, O_APPEND));
  SHOW("still append", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
  SHOW("msync", msync(m, 3 * P, MS_SYNC));
  show(fd, "A", 100, 8);

  SHOW("write appends", write(fd, "tail", 4));
  memcpy(m + P + 5, "stored-B", 8);
  SHOW("munmap page 2", munmap(m + P, P));
  show(fd, "B", P + 5, 8);

  memcpy(m + 2 * P + 9, "stored-C", 8);  /* left for exit to write back */
  struct stat st;
  REQUIRE(fstat(fd, &st) == 0);
  printf("size %ld\n", (long)st.st_size);
  show(fd, "tail", 3 * P, 4);
  return 0;
}
