/* mremap: shrinking, growing in place into pages just freed, refusing to
 * move without MREMAP_MAYMOVE, moving with it, MREMAP_FIXED, and shared file
 * mappings that keep writing through after a move.
 * wasishim-test: native */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "guest_test.h"

#define P 4096

static int all(const unsigned char* p, size_t n, unsigned char v) {
  for (size_t i = 0; i < n; i++)
    if (p[i] != v) return 0;
  return 1;
}

int main(int argc, char** argv) {
  REQUIRE(argc > 1);
  /* Reserve 6 pages, keep 2: the 4 after them are free on both systems. */
  unsigned char* m = mmap(NULL, 6 * P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(m != MAP_FAILED);
  SHOW("munmap tail", munmap(m + 2 * P, 4 * P));
  memset(m, 1, 2 * P);
  void* r = mremap(m, 2 * P, 4 * P, 0);
  printf("grow in place: %s, same address %d\n", r == MAP_FAILED ? errname(errno) : "ok", r == m);
  printf("old bytes kept %d, new bytes zero %d\n", all(m, 2 * P, 1), all(m + 2 * P, 2 * P, 0));
  r = mremap(m, 4 * P, P, 0);
  printf("shrink: same address %d\n", r == m);
  SHOW("the cut pages are unmapped", msync(m + P, P, MS_ASYNC));

  /* A neighbour right after m stops growth in place. */
  unsigned char* n = mmap(NULL, 2 * P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(n != MAP_FAILED);
  unsigned char* fixed = mmap(m + P, P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  printf("map the page after m: %s\n", fixed == m + P ? "ok" : "failed");
  fixed[0] = 9;
  r = mremap(m, P, 3 * P, 0);
  /* m and fixed merged into one mapping of two pages on Linux and here, so
   * only the first page may be remapped: ask for the whole of it. */
  printf("grow without MAYMOVE over a neighbour: %s\n", r == MAP_FAILED ? errname(errno) : "ok");
  r = mremap(m, 2 * P, 5 * P, MREMAP_MAYMOVE);
  REQUIRE(r != MAP_FAILED);
  unsigned char* moved = r;
  printf("moved: bytes kept %d %d, new zero %d\n", all(moved, P, 1), moved[P] == 9, all(moved + 2 * P, 3 * P, 0));
  SHOW("old address unmapped", msync(m, P, MS_ASYNC));

  /* MREMAP_FIXED into n's place, replacing n. */
  r = mremap(moved, 5 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, n);
  printf("MREMAP_FIXED: %s, at target %d, byte %d\n", r == MAP_FAILED ? errname(errno) : "ok", r == n, n[P]);

  /* A shared file mapping moved by mremap still writes through. */
  char path[512];
  snprintf(path, sizeof path, "%s/remapped.bin", argv[1]);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0 && ftruncate(fd, 3 * P) == 0);
  char* s = mmap(NULL, P, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  REQUIRE(s != MAP_FAILED);
  strcpy(s, "first page");
  char* s2 = mremap(s, P, 3 * P, MREMAP_MAYMOVE);
  REQUIRE(s2 != MAP_FAILED);
  printf("after move: %s\n", s2);
  strcpy(s2 + 2 * P, "third page");
  SHOW("pwrite", pwrite(fd, "PW", 2, P));
  printf("pwrite visible: %.2s\n", s2 + P);
  /* Moving and shrinking at once: the store to the page left behind is kept. */
  char* target = mmap(NULL, P, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(target != MAP_FAILED);
  strcpy(s2 + 2 * P + 20, "left behind");
  strcpy(s2 + 30, "moved along");
  char* s3 = mremap(s2, 3 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, target);
  printf("move and shrink: %s, at target %d, %s\n", s3 == MAP_FAILED ? errname(errno) : "ok", s3 == target,
         s3 == MAP_FAILED ? "" : s3 + 30);
  char got[12] = {0};
  SHOW("pread left behind", pread(fd, got, 11, 2 * P + 20));
  printf("file: %s\n", got);
  SHOW("shrink shared", mremap(s3, 2 * P, P, 0) == s3 ? 0 : -1);
  SHOW("munmap", munmap(s3, P));
  SHOW("munmap rest", munmap(n, 2 * P));
  SHOW("close", close(fd));
  return 0;
}
