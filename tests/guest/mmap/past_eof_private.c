/* Bytes stored through a shared mapping past the end of the file, in its last
 * page, stay in that page (Linux's page cache) without reaching the file: a
 * private mapping of the page made afterwards shows them, and so do the
 * operations that fill a private mapping from the file again (MADV_DONTNEED,
 * mremap growth). Found by the long differential run (seeds
 * L1796026433-19946.13 and .18). Nothing is synced, so the kernel never
 * writes the page back (which would zero its tail on ext4).
 * wasishim-test: native */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest_test.h"

enum { kPage = 4096, kSize = 5000 };

/* The bytes at file offsets 6000..6003 and 7000..7003, as `base` (mapping
 * file offset `from`) shows them. */
static void show_tail(const char* label, const unsigned char* base, long from) {
  printf("%s: %.4s %.4s\n", label, (const char*)base + 6000 - from,
         (const char*)base + 7000 - from);
}

static void dots(unsigned char* p, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (p[i] == 0) p[i] = '.';
}

int main(int argc, char** argv) {
  REQUIRE(argc > 1);
  char path[512];
  snprintf(path, sizeof path, "%s/tail.bin", argv[1]);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0);
  char data[kSize];
  memset(data, 'd', sizeof data);
  REQUIRE(write(fd, data, sizeof data) == (ssize_t)sizeof data);

  unsigned char* shared = mmap(NULL, 2 * kPage, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  REQUIRE(shared != MAP_FAILED);
  memcpy(shared + 6000, "PAST", 4);

  /* A private mapping of the last page alone, and of the whole file. */
  unsigned char* last = mmap(NULL, kPage, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, kPage);
  REQUIRE(last != MAP_FAILED);
  dots(last, kPage);
  show_tail("private last page", last, kPage);
  unsigned char* whole = mmap(NULL, 2 * kPage, PROT_READ, MAP_PRIVATE, fd, 0);
  REQUIRE(whole != MAP_FAILED);
  printf("private whole file: byte 4999 '%c', byte 6000 '%c', byte 7000 %d\n", whole[4999],
         whole[6000], whole[7000]);

  /* The private page gets its own copy; the shared one changes; dropping the
   * private copy shows the page as it now is. */
  memcpy(last + 7000 - kPage, "MINE", 4);
  memcpy(shared + 7000, "MORE", 4);
  show_tail("private after its own store", last, kPage);
  SHOW("madvise DONTNEED", madvise(last, kPage, MADV_DONTNEED));
  dots(last, kPage);
  show_tail("private after DONTNEED", last, kPage);

  /* A private mapping of the first page, grown onto the last. */
  unsigned char* grown = mmap(NULL, kPage, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  REQUIRE(grown != MAP_FAILED);
  grown = mremap(grown, kPage, 2 * kPage, MREMAP_MAYMOVE);
  REQUIRE(grown != MAP_FAILED);
  dots(grown + kPage, kPage);
  show_tail("private grown by mremap", grown, 0);

  /* None of it reaches the file. */
  SHOW("munmap", munmap(last, kPage) + munmap(whole, 2 * kPage) + munmap(grown, 2 * kPage) +
                     munmap(shared, 2 * kPage));
  struct stat st;
  REQUIRE(fstat(fd, &st) == 0);
  printf("size %lld\n", (long long)st.st_size);
  SHOW("close", close(fd));
  return 0;
}
