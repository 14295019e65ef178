/* A shared mapping of a range another shared mapping of the file already
 * shows (SQLite's and LMDB's re-maps) is an alias of it: a store through one
 * is visible through the other at once, with no call in between, and either
 * can be unmapped first (docs/mmap.md, "Aliases").
 * wasishim-test: native */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "guest_test.h"

#define P 4096

static void show_file(int fd, long off) {
  char c = 0;
  REQUIRE(pread(fd, &c, 1, off) == 1);
  printf("file at %ld: %c\n", off, c);
}

int main(int argc, char** argv) {
  REQUIRE(argc > 1);
  char path[512];
  snprintf(path, sizeof path, "%s/alias.bin", argv[1]);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0 && ftruncate(fd, 4 * P) == 0);
  int again = open(path, O_RDWR);
  REQUIRE(again >= 0);

  /* The outer mapping goes first. */
  char* outer = mmap(NULL, 4 * P, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  char* inner = mmap(NULL, 2 * P, PROT_READ | PROT_WRITE, MAP_SHARED, again, P);
  REQUIRE(outer != MAP_FAILED && inner != MAP_FAILED);
  inner[5] = 'A';
  printf("outer sees %c\n", outer[P + 5]);
  outer[2 * P + 10] = 'B';
  printf("inner sees %c\n", inner[P + 10]);
  SHOW("munmap outer", munmap(outer, 4 * P));
  inner[20] = 'C';
  SHOW("msync inner", msync(inner, 2 * P, MS_SYNC));
  show_file(fd, P + 5);
  show_file(fd, 2 * P + 10);
  show_file(fd, P + 20);
  SHOW("munmap inner", munmap(inner, 2 * P));

  /* The inner one goes first, and a third name of the same pages. */
  outer = mmap(NULL, 3 * P, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  inner = mmap(NULL, P, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 2 * P);
  char* third = mmap(NULL, 2 * P, PROT_READ | PROT_WRITE, MAP_SHARED, again, P);
  REQUIRE(outer != MAP_FAILED && inner != MAP_FAILED && third != MAP_FAILED);
  third[P + 1] = 'D';
  printf("inner sees %c, outer sees %c\n", inner[1], outer[2 * P + 1]);
  SHOW("munmap inner", munmap(inner, P));
  outer[2 * P + 2] = 'E';
  printf("third sees %c\n", third[P + 2]);
  SHOW("munmap third", munmap(third, 2 * P));
  printf("outer still sees %c%c\n", outer[2 * P + 1], outer[2 * P + 2]);

  /* A read-only mapping inside a writable one is a copy: it shows stores at
   * the next call (here the munmap). */
  char* ro = mmap(NULL, P, PROT_READ, MAP_SHARED, fd, 0);
  REQUIRE(ro != MAP_FAILED);
  outer[7] = 'F';
  SHOW("munmap outer", munmap(outer, 3 * P));
  printf("read-only copy sees %c\n", ro[7]);
  SHOW("munmap ro", munmap(ro, P));
  show_file(fd, 2 * P + 1);
  show_file(fd, 2 * P + 2);
  show_file(fd, 7);
  return 0;
}
