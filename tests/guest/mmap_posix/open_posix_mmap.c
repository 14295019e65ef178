/* The assertions of the Open POSIX Test Suite's mmap and munmap conformance
 * tests (conformance/interfaces/{mmap,munmap}) that need no fork, shared
 * memory object, signal or PROT_EXEC, written anew as one program; the
 * comment before each check names the assertion it mirrors. Linux is the
 * oracle. Error assertions are also in tests/guest/mmap/errors.c. (No
 * Debian bookworm source package ships the suite: ltp is not in main, and
 * Debian's wasi-libc snapshot carries no tests; so these are written anew.)
 * wasishim-test: native */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "guest_test.h"

#define MAPS(label, expr) SHOW(label, (expr) == MAP_FAILED ? -1 : 0)

static char path[512];

static int make_file(const char* name, size_t size, char fill) {
  snprintf(path, sizeof path, "%s", name);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0);
  char buf[4096];
  memset(buf, fill, sizeof buf);
  for (size_t done = 0; done < size;) {
    size_t n = size - done < sizeof buf ? size - done : sizeof buf;
    REQUIRE(write(fd, buf, n) == (ssize_t)n);
    done += n;
  }
  return fd;
}

int main(int argc, char** argv) {
  REQUIRE(argc > 1);
  REQUIRE(chdir(argv[1]) == 0);
  const long page = sysconf(_SC_PAGESIZE);

  /* mmap 1-1, 7-1: a store through a MAP_SHARED mapping reaches the file
   * (read() sees it after msync). */
  int fd = make_file("shared", 2 * page, 'a');
  char* p = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  REQUIRE(p != MAP_FAILED);
  memcpy(p + 10, "shared store", 12);
  SHOW("1-1 msync MS_SYNC", msync(p, 2 * page, MS_SYNC));
  char buf[32] = {0};
  SHOW("1-1 pread after msync", pread(fd, buf, 12, 10));
  printf("1-1 file holds: %.12s\n", buf);

  /* mmap 3-1: two MAP_SHARED mappings of one file see each other's stores
   * (once msync has run: mmap-emu's two copies agree at its next call,
   * docs/mmap.md "When a store is visible"; Linux at once). */
  char* q = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  REQUIRE(q != MAP_FAILED);
  p[100] = 'Z';
  SHOW("3-1 msync", msync(p, page, MS_SYNC));
  printf("3-1 other mapping sees: %c\n", q[100]);
  SHOW("munmap second mapping", munmap(q, page));

  /* mmap 12-1: closing the descriptor leaves the mapping in place. */
  SHOW("12-1 close", close(fd));
  printf("12-1 after close, mapping reads: %.12s\n", p + 10);
  p[11] = 'H';
  SHOW("12-1 msync after close", msync(p, page, MS_SYNC));
  fd = open("shared", O_RDONLY);
  REQUIRE(fd >= 0);
  memset(buf, 0, sizeof buf);
  SHOW("12-1 pread", pread(fd, buf, 12, 10));
  printf("12-1 file holds: %.12s\n", buf);
  close(fd);
  SHOW("munmap shared", munmap(p, 2 * page));

  /* mmap 2-1, 9-1: stores through a MAP_PRIVATE mapping never reach the file
   * and are not seen by other mappings. */
  fd = make_file("private", page, 'b');
  p = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  REQUIRE(p != MAP_FAILED);
  q = mmap(NULL, page, PROT_READ, MAP_SHARED, fd, 0);
  REQUIRE(q != MAP_FAILED);
  p[0] = 'P';
  SHOW("9-1 msync private", msync(p, page, MS_SYNC));
  printf("9-1 private sees %c, shared sees %c\n", p[0], q[0]);
  memset(buf, 0, sizeof buf);
  SHOW("2-1 pread", pread(fd, buf, 1, 0));
  printf("2-1 file holds: %c\n", buf[0]);
  SHOW("munmap private", munmap(p, page));
  SHOW("munmap shared view", munmap(q, page));
  close(fd);

  /* mmap 10-1, 11-1: past the end of the file, the rest of the last page
   * reads as zeros, and stores there never reach the file. */
  fd = make_file("partial", 100, 'c');
  p = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  REQUIRE(p != MAP_FAILED);
  int zeros = 1;
  for (long i = 100; i < page; ++i) zeros &= p[i] == 0;
  printf("11-1 bytes past EOF are zero: %d\n", zeros);
  p[200] = 'X';
  SHOW("11-1 msync", msync(p, page, MS_SYNC));
  struct stat st;
  REQUIRE(fstat(fd, &st) == 0);
  printf("11-1 file size stays %lld\n", (long long)st.st_size);
  SHOW("munmap partial", munmap(p, page));
  close(fd);

  /* mmap 14-1: a store through MAP_SHARED and msync update st_mtime. */
  fd = make_file("mtime", page, 'd');
  struct timespec old = {1000000000, 0};
  struct timespec times[2] = {old, old};
  REQUIRE(futimens(fd, times) == 0);
  p = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  REQUIRE(p != MAP_FAILED);
  p[0] = 'M';
  SHOW("14-1 msync", msync(p, page, MS_SYNC));
  REQUIRE(fstat(fd, &st) == 0);
  printf("14-1 st_mtime moved forward: %d\n", st.st_mtim.tv_sec > old.tv_sec);
  SHOW("munmap mtime", munmap(p, page));
  close(fd);

  /* mmap 5-1: MAP_FIXED maps exactly at the address given (one that a
   * previous mapping of the same size handed out). */
  fd = make_file("fixed", 2 * page, 'e');
  p = mmap(NULL, 2 * page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(p != MAP_FAILED);
  q = mmap(p, page, PROT_READ, MAP_SHARED | MAP_FIXED, fd, page);
  printf("5-1 MAP_FIXED at the address given: %d, reads %c\n", q == p, q == p ? q[0] : '?');
  SHOW("munmap fixed", munmap(p, 2 * page));
  close(fd);

  /* mmap 21-1, 22-1, 23-1, 32-1 and munmap 3-1, 8-1: errors. */
  fd = make_file("errors", 2 * page, 'f');
  MAPS("21-1 neither MAP_SHARED nor MAP_PRIVATE", mmap(NULL, page, PROT_READ, 0, fd, 0));
  MAPS("22-1 MAP_FIXED at an address not page-aligned",
       mmap((char*)NULL + page + 1, page, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 0));
  MAPS("23-1 invalid descriptor", mmap(NULL, page, PROT_READ, MAP_SHARED, 1000, 0));
  int wo = open("errors", O_WRONLY);
  REQUIRE(wo >= 0);
  MAPS("23-1 (EACCES) write-only descriptor", mmap(NULL, page, PROT_READ, MAP_SHARED, wo, 0));
  close(wo);
  MAPS("32-1 length zero", mmap(NULL, 0, PROT_READ, MAP_SHARED, fd, 0));
  p = mmap(NULL, 2 * page, PROT_READ, MAP_SHARED, fd, 0);
  REQUIRE(p != MAP_FAILED);
  SHOW("munmap 3-1 address not page-aligned", munmap(p + 1, page));
  SHOW("munmap 8-1 length zero", munmap(p, 0));
  /* munmap 4-1 (and 9-1): unmapping a range with no mapping, or part of
   * one, succeeds; the rest stays mapped. */
  SHOW("munmap first page", munmap(p, page));
  printf("munmap 9-1 second page still reads: %c\n", p[page]);
  SHOW("munmap 4-1 range already unmapped", munmap(p, page));
  SHOW("munmap rest", munmap(p + page, page));
  close(fd);

  const char* files[] = {"shared", "private", "partial", "mtime", "fixed", "errors"};
  for (size_t i = 0; i < sizeof files / sizeof files[0]; ++i) SHOW(files[i], unlink(files[i]));
  return 0;
}
