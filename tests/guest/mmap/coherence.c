/* MAP_SHARED stays coherent with file I/O through any descriptor: pwrite
 * shows in the mapping at once, pread sees stores without msync, two mappings
 * see each other's stores after any call into the library, ftruncate cuts
 * and zero-fills as Linux does.
 * wasishim-test: native */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "guest_test.h"

static void show_bytes(const char* label, const unsigned char* p, size_t n) {
  printf("%s:", label);
  for (size_t i = 0; i < n; i++) printf(" %02x", p[i]);
  printf("\n");
}

int main(int argc, char** argv) {
  REQUIRE(argc > 1);
  char path[512];
  snprintf(path, sizeof path, "%s/shared.bin", argv[1]);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0);
  unsigned char buf[3 * 4096];
  for (size_t i = 0; i < sizeof buf; i++) buf[i] = (unsigned char)(i * 7);
  REQUIRE(pwrite(fd, buf, 10000, 0) == 10000);

  unsigned char* a = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  REQUIRE(a != MAP_FAILED);
  int fd2 = open(path, O_RDWR);
  REQUIRE(fd2 >= 0);
  unsigned char* b = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd2, 4096);
  REQUIRE(b != MAP_FAILED);

  /* pwrite through another descriptor shows in both mappings at once. */
  REQUIRE(pwrite(fd2, "HELLO", 5, 4100) == 5);
  show_bytes("a after pwrite", a + 4100, 5);
  show_bytes("b after pwrite", b + 4, 5);

  /* A store is read back by pread without msync. */
  memcpy(a + 5000, "store", 5);
  unsigned char got[8] = {0};
  SHOW("pread", pread(fd, got, 5, 5000));
  show_bytes("pread sees the store", got, 5);
  show_bytes("b sees the store", b + 5000 - 4096, 5);

  /* Stores through two mappings into one page both survive. */
  a[6000] = 0xA1;
  b[6001 - 4096] = 0xB2;
  SHOW("msync a", msync(a, 3 * 4096, MS_SYNC));
  show_bytes("both stores via a", a + 6000, 2);
  show_bytes("both stores via b", b + 6000 - 4096, 2);

  /* write() at the file offset, and read() after a store. */
  SHOW("lseek", lseek(fd, 8000, SEEK_SET));
  SHOW("write", write(fd, "wr", 2));
  show_bytes("a sees write", a + 8000, 2);
  b[8100 - 4096] = 0x55;
  SHOW("lseek", lseek(fd, 8100, SEEK_SET));
  SHOW("read", read(fd, got, 1));
  show_bytes("read sees store", got, 1);

  /* Shrinking cuts: the tail of the last page reads zero, also after growth. */
  SHOW("ftruncate 4200", ftruncate(fd, 4200));
  show_bytes("a around the new end", a + 4196, 8);
  SHOW("ftruncate 9000", ftruncate(fd, 9000));
  show_bytes("a in regrown part", a + 6000, 4);
  show_bytes("b in regrown part", b + 6000 - 4096, 4);
  memcpy(b + 8000 - 4096, "grown", 5);

  /* Growth by pwrite past the end. */
  SHOW("pwrite past end", pwrite(fd, "far", 3, 11000));
  show_bytes("a sees far write", a + 11000, 3);
  show_bytes("a in the hole", a + 9500, 4);

  SHOW("munmap a", munmap(a, 3 * 4096));
  SHOW("munmap b", munmap(b, 2 * 4096));
  SHOW("close", close(fd) + close(fd2));
  return 0;
}
