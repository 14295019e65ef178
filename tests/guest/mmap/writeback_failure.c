/* When the host fails a write-back (here the 2nd and the 4th write to a
 * file fail, with ENOSPC and EIO), msync and munmap report that errno, the
 * pages stay dirty (munmap unmaps nothing), and a retry writes every byte.
 * wasishim-test: host-args --fail-write 2:nospc --fail-write 4:io
 * wasishim-test: no-node Node's WASI cannot fail writes on demand */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "guest_test.h"

#define P 4096

static void show_file(int fd, long off, size_t n) {
  char got[32] = {0};
  long r = pread(fd, got, n, off);
  printf("file at %ld: %ld [%s]\n", off, r, got);
}

int main(int argc, char** argv) {
  REQUIRE(argc > 1);
  char path[512];
  snprintf(path, sizeof path, "%s/failing.bin", argv[1]);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0 && ftruncate(fd, 3 * P) == 0);
  char* m = mmap(NULL, 3 * P, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  REQUIRE(m != MAP_FAILED);
  int reader = open(path, O_RDONLY);
  REQUIRE(reader >= 0);

  strcpy(m + 1, "first page");
  strcpy(m + 2 * P + 5, "third page");
  SHOW("msync (2nd write fails)", msync(m, 3 * P, MS_SYNC));
  SHOW("msync again", msync(m, 3 * P, MS_SYNC));
  show_file(reader, 1, 10);
  show_file(reader, 2 * P + 5, 10);

  strcpy(m + P + 7, "second page");
  SHOW("munmap (4th write fails)", munmap(m, 3 * P));
  printf("still mapped: %s\n", m + P + 7);
  SHOW("munmap again", munmap(m, 3 * P));
  show_file(reader, P + 7, 11);
  SHOW("close", close(fd) + close(reader));
  return 0;
}
