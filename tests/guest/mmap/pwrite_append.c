/* pwrite on an O_APPEND descriptor (issue 10, item 2): Linux appends the
 * bytes at the end of file whatever the offset. A shared mapping of the file
 * must show them there and keep the bytes at the offset asked for, and a
 * later write-back must not put the appended bytes at that offset.
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
  snprintf(path, sizeof path, "%s/pwrite_append.bin", argv[1]);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0);
  char fill[P + 50];
  memset(fill, '.', sizeof fill);
  REQUIRE(write(fd, fill, sizeof fill) == (long)sizeof fill);
  char* m = mmap(NULL, 2 * P, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  REQUIRE(m != MAP_FAILED);
  int app = open(path, O_WRONLY | O_APPEND);
  REQUIRE(app >= 0);

  SHOW("pwrite at 20 on O_APPEND", pwrite(app, "XYZ", 3, 20));
  printf("map at 20: [%.3s]\n", m + 20);
  printf("map at end: [%.3s]\n", m + P + 50);
  /* Stores on both sides of offset 20: a write-back of the span between
   * them must not carry "XYZ" there. */
  m[10] = 's';
  m[30] = 't';
  SHOW("msync", msync(m, 2 * P, MS_SYNC));
  char got[8] = {0};
  SHOW("pread 20", pread(fd, got, 3, 20));
  printf("file at 20: [%s]\n", got);
  SHOW("pread end", pread(fd, got, 3, P + 50));
  printf("file at end: [%s]\n", got);
  SHOW("close", close(app));
  return 0;
}
