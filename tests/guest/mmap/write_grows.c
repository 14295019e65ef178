/* A write that grows a file past a hole (issue 10, item 6): the bytes
 * between the old end of file and the write read zero in existing mappings,
 * as after ftruncate, even where the program had stored past the old end.
 * (The oracle is Linux on a block filesystem such as ext4, which zeroes the
 * page cache from the old end on; tmpfs keeps such stores.)
 * wasishim-test: native */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "guest_test.h"

#define P 4096

int main(int argc, char** argv) {
  REQUIRE(argc > 1);
  char path[512];
  snprintf(path, sizeof path, "%s/write_grows.bin", argv[1]);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0 && write(fd, "0123456789", 10) == 10);
  unsigned char* m = mmap(NULL, P, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  REQUIRE(m != MAP_FAILED);
  m[200] = 0xab;  /* past the end of file */
  SHOW("pwrite at 1000", pwrite(fd, "x", 1, 1000));
  printf("hole byte 200: %02x, written byte: %c, after it: %02x\n", m[200], m[1000], m[1001]);
  m[20] = 's';
  SHOW("msync", msync(m, P, MS_SYNC));
  SHOW("lseek end", lseek(fd, 0, SEEK_END));
  SHOW("write at end", write(fd, "yz", 2));
  printf("map at 1001: [%.2s]\n", (char*)m + 1001);
  return 0;
}
