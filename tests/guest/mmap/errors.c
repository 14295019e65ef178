/* Every errno mmap-emu shares with Linux, for each call and argument.
 * wasishim-test: native */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "guest_test.h"

#define MAPS(label, expr) SHOW(label, (expr) == MAP_FAILED ? -1 : 0)

int main(int argc, char** argv) {
  REQUIRE(argc > 1);
  char path[512];
  snprintf(path, sizeof path, "%s/data", argv[1]);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0);
  char block[8192];
  memset(block, 'x', sizeof block);
  REQUIRE(write(fd, block, sizeof block) == (ssize_t)sizeof block);
  int ro = open(path, O_RDONLY);
  int wo = open(path, O_WRONLY);
  REQUIRE(ro >= 0 && wo >= 0);

  MAPS("mmap offset not page-aligned", mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 100));
  MAPS("mmap negative offset", mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, -4096));
  MAPS("mmap length 0", mmap(NULL, 0, PROT_READ, MAP_SHARED, fd, 0));
  MAPS("mmap length too large", mmap(NULL, (size_t)-1 - 100, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  MAPS("mmap neither shared nor private", mmap(NULL, 4096, PROT_READ, 0, fd, 0));
  MAPS("mmap bad descriptor", mmap(NULL, 4096, PROT_READ, MAP_SHARED, 999, 0));
  /* Linux ignores prot bits it does not know in mmap (not in mprotect). */
  void* odd = mmap(NULL, 4096, PROT_READ | 0x100, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  SHOW("mmap unknown prot bit", odd == MAP_FAILED ? -1 : munmap(odd, 4096));
  MAPS("mmap shared writable on O_RDONLY", mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0));
  MAPS("mmap private writable on O_RDONLY", mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0));
  MAPS("mmap shared read-only on O_RDONLY", mmap(NULL, 4096, PROT_READ, MAP_SHARED, ro, 0));
  MAPS("mmap on O_WRONLY", mmap(NULL, 4096, PROT_READ, MAP_SHARED, wo, 0));
  MAPS("mmap fixed unaligned", mmap((void*)4097, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0));
  int dfd = open(argv[1], O_RDONLY | O_DIRECTORY);
  REQUIRE(dfd >= 0);
  MAPS("mmap a directory", mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, dfd, 0));

  /* Mapped before any hole exists, so no later mapping can take a hole's
   * addresses (mmap-emu reuses freed pages first; Linux does not). */
  unsigned char* shared_ro = mmap(NULL, 4096, PROT_READ, MAP_SHARED, ro, 0);
  REQUIRE(shared_ro != MAP_FAILED);
  unsigned char* m = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  REQUIRE(m != MAP_FAILED);
  unsigned char* a = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(a != MAP_FAILED);
  SHOW("munmap unaligned", munmap(a + 1, 4096));
  SHOW("munmap length 0", munmap(a, 0));
  SHOW("munmap tail", munmap(a + 2 * 4096, 2 * 4096));
  SHOW("munmap it again (unmapped: fine)", munmap(a + 2 * 4096, 2 * 4096));

  SHOW("msync unaligned", msync(m + 1, 4096, MS_SYNC));
  SHOW("msync unknown flag", msync(m, 4096, 0x40));
  SHOW("msync MS_SYNC|MS_ASYNC", msync(m, 4096, MS_SYNC | MS_ASYNC));
  SHOW("msync MS_SYNC", msync(m, 4096, MS_SYNC));
  SHOW("msync MS_ASYNC", msync(m, 4096, MS_ASYNC));
  SHOW("msync MS_INVALIDATE", msync(m, 4096, MS_INVALIDATE));
  SHOW("msync length 0", msync(m, 0, MS_SYNC));
  SHOW("msync anonymous", msync(a, 4096, MS_SYNC));
  SHOW("msync unmapped", msync(a + 2 * 4096, 4096, MS_SYNC));
  SHOW("msync mapped then hole", msync(a, 4 * 4096, MS_SYNC));

  SHOW("mprotect unaligned", mprotect(a + 1, 4096, PROT_READ));
  SHOW("mprotect bad bits", mprotect(a, 4096, 0x100));
  SHOW("mprotect unmapped", mprotect(a + 2 * 4096, 4096, PROT_READ));
  SHOW("mprotect hole first", mprotect(a + 2 * 4096, 4 * 4096, PROT_READ));
  SHOW("mprotect read-only", mprotect(a, 2 * 4096, PROT_READ));
  SHOW("mprotect none", mprotect(a + 4096, 4096, PROT_NONE));
  SHOW("mprotect back to read-write", mprotect(a, 2 * 4096, PROT_READ | PROT_WRITE));
  SHOW("mprotect length 0", mprotect(a, 0, PROT_READ | PROT_WRITE));
  SHOW("mprotect write on shared O_RDONLY", mprotect(shared_ro, 4096, PROT_READ | PROT_WRITE));

  SHOW("madvise unaligned", madvise(a + 1, 4096, MADV_NORMAL));
  SHOW("madvise unknown advice", madvise(a, 4096, 12345));
  SHOW("madvise unmapped", madvise(a + 2 * 4096, 4096, MADV_WILLNEED));
  SHOW("madvise WILLNEED", madvise(m, 4096, MADV_WILLNEED));
  SHOW("madvise SEQUENTIAL", madvise(m, 4096, MADV_SEQUENTIAL));
  SHOW("madvise RANDOM", madvise(m, 4096, MADV_RANDOM));
  printf("posix_madvise unknown advice returns %s\n", errname(posix_madvise(a, 4096, 99)));
  SHOW("posix_madvise NORMAL", posix_madvise(a, 4096, POSIX_MADV_NORMAL));
  SHOW("posix_madvise DONTNEED", posix_madvise(a, 4096, POSIX_MADV_DONTNEED));
  printf("posix_madvise NORMAL unmapped returns %s\n", errname(posix_madvise(a + 2 * 4096, 4096, POSIX_MADV_NORMAL)));
  printf("posix_madvise DONTNEED unmapped returns %s\n", errname(posix_madvise(a + 2 * 4096, 4096, POSIX_MADV_DONTNEED)));

  MAPS("mremap unaligned", mremap(a + 1, 4096, 8192, MREMAP_MAYMOVE));
  MAPS("mremap new size 0", mremap(a, 4096, 0, MREMAP_MAYMOVE));
  MAPS("mremap unknown flag", mremap(a, 4096, 8192, 0x40));
  MAPS("mremap FIXED without MAYMOVE", mremap(a, 4096, 8192, MREMAP_FIXED, a + 8192));
  MAPS("mremap unmapped", mremap(a + 2 * 4096, 4096, 8192, MREMAP_MAYMOVE));
  MAPS("mremap of a mapping merged again", mremap(a, 2 * 4096, 3 * 4096, MREMAP_MAYMOVE));
  MAPS("mremap same size", mremap(m, 4096, 4096, 0));

  SHOW("munmap all", munmap(m, 3 * 4096) + munmap(a, 2 * 4096) + munmap(shared_ro, 4096));
  return 0;
}
