/* Bytes past the end of the file read zero in the last page, stores there
 * never reach the file, and write-back never makes the file longer.
 * wasishim-test: native */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest_test.h"

int main(int argc, char** argv) {
  REQUIRE(argc > 1);
  char path[512];
  snprintf(path, sizeof path, "%s/short.bin", argv[1]);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0);
  char data[5000];
  memset(data, 'd', sizeof data);
  REQUIRE(write(fd, data, sizeof data) == (ssize_t)sizeof data);

  /* Reuse pages that held other bytes, so zeros are not luck. */
  unsigned char* junk = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(junk != MAP_FAILED);
  memset(junk, 0xEE, 4 * 4096);
  SHOW("munmap junk", munmap(junk, 4 * 4096));

  for (int shared = 0; shared < 2; shared++) {
    unsigned char* m = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, shared ? MAP_SHARED : MAP_PRIVATE, fd, 0);
    REQUIRE(m != MAP_FAILED);
    int zeros = 0;
    for (int i = 5000; i < 8192; i++) zeros += m[i] == 0;
    printf("%s: byte 4999 '%c', zero bytes past the end %d of 3192\n", shared ? "shared" : "private",
           m[4999], zeros);
    m[10] = 'S';
    SHOW("munmap", munmap(m, 2 * 4096));
  }
  struct stat st;
  REQUIRE(fstat(fd, &st) == 0);
  printf("size %lld\n", (long long)st.st_size);

  /* A mapping longer than the file, of an empty file. */
  int e = open(path, O_RDWR | O_TRUNC);
  REQUIRE(e >= 0);
  unsigned char* m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, e, 0);
  SHOW("map empty file", m == MAP_FAILED ? -1 : 0);
  SHOW("munmap", munmap(m, 4096));
  /* Offsets past the end are fine to map (accessing them is not, on Linux). */
  m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, e, 8 * 4096);
  SHOW("map past the end", m == MAP_FAILED ? -1 : 0);
  SHOW("munmap", munmap(m, 4096));
  SHOW("close", close(fd) + close(e));
  return 0;
}
