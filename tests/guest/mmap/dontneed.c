/* MADV_DONTNEED drops private changes (anonymous pages read zero again, file
 * pages the file's bytes) and keeps shared ones, as Linux does.
 * wasishim-test: native */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "guest_test.h"

int main(int argc, char** argv) {
  REQUIRE(argc > 1);
  char path[512];
  snprintf(path, sizeof path, "%s/advice.bin", argv[1]);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0);
  char page[4096];
  memset(page, 'f', sizeof page);
  REQUIRE(write(fd, page, sizeof page) == 4096 && write(fd, page, sizeof page) == 4096);

  char* anon = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  char* shanon = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  char* priv = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  char* shared = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  REQUIRE(anon != MAP_FAILED && shanon != MAP_FAILED && priv != MAP_FAILED && shared != MAP_FAILED);
  anon[5] = anon[4096 + 5] = 'a';
  shanon[5] = 's';
  priv[5] = priv[4096 + 5] = 'p';
  shared[4096 + 6] = 'S';

  SHOW("DONTNEED anon page 0", madvise(anon, 4096, MADV_DONTNEED));
  printf("anon: %d %c\n", anon[5], anon[4096 + 5]);
  SHOW("DONTNEED shared anon", madvise(shanon, 4096, MADV_DONTNEED));
  printf("shared anon: %c\n", shanon[5]);
  SHOW("DONTNEED private file", madvise(priv, 2 * 4096, MADV_DONTNEED));
  printf("private file: %c %c, sees shared store: %c\n", priv[5], priv[4096 + 5], priv[4096 + 6]);
  SHOW("DONTNEED shared file", madvise(shared, 2 * 4096, MADV_DONTNEED));
  printf("shared file: %c\n", shared[4096 + 6]);
  SHOW("POSIX_MADV_DONTNEED keeps data", posix_madvise(anon + 4096, 4096, POSIX_MADV_DONTNEED));
  printf("anon page 1: %c\n", anon[4096 + 5]);
  SHOW("munmap", munmap(anon, 8192) + munmap(shanon, 4096) + munmap(priv, 8192) + munmap(shared, 8192));
  SHOW("close", close(fd));
  return 0;
}
