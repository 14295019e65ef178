/* mmap-emu and the lock tables follow dup'ed numbers. A mapping made through
 * a dup outlives the original number and every number: stores through it
 * reach the file. flock locks belong to the open file description: a dup
 * shares them, closing one number keeps them, closing the last drops them; a
 * second open of the file is another description. Linux is the oracle.
 * wasishim-test: native */
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <unistd.h>

#include "guest_test.h"

int main(int argc, char** argv) {
  REQUIRE(argc >= 2);
  REQUIRE(chdir(argv[1]) == 0);
  int fd = open("m", O_CREAT | O_RDWR | O_TRUNC, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(ftruncate(fd, 8192) == 0);
  int d = dup(fd);
  REQUIRE(d >= 0);
  char* map = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, d, 0);
  REQUIRE(map != MAP_FAILED);
  REQUIRE(close(fd) == 0);
  memcpy(map, "through the mapping", 19);
  char buf[32] = {0};
  SHOW("pread through the dup sees the store", pread(d, buf, 19, 0));
  printf("read: %s\n", buf);
  SHOW("pwrite through the dup", pwrite(d, "PWRITE", 6, 100));
  printf("mapping sees the pwrite: %.6s\n", map + 100);
  REQUIRE(close(d) == 0);
  memcpy(map + 4096, "after every number closed", 25);
  SHOW("msync", msync(map, 8192, MS_SYNC));
  SHOW("munmap", munmap(map, 8192));
  int again = open("m", O_RDONLY);
  REQUIRE(again >= 0);
  memset(buf, 0, sizeof buf);
  SHOW("pread page 2", pread(again, buf, 25, 4096));
  printf("read: %s\n", buf);
  REQUIRE(close(again) == 0);

  // A number closed while its mapping lives is closed for the program (its
  // file stays open for the mapping) and free for the next open.
  int m = open("m", O_RDWR);
  REQUIRE(m >= 0);
  char* map2 = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, m, 0);
  REQUIRE(map2 != MAP_FAILED);
  REQUIRE(close(m) == 0);
  SHOW("read through the closed number", read(m, buf, 1));
  int m2 = open("m", O_RDONLY);
  printf("the next open reuses the number: %d\n", m2 == m);
  memcpy(map2, "MAPPED", 6);
  SHOW("munmap", munmap(map2, 4096));
  memset(buf, 0, sizeof buf);
  SHOW("pread", pread(m2, buf, 6, 0));
  printf("read: %s\n", buf);
  REQUIRE(close(m2) == 0);

  // A pipe cannot be mapped.
  int p[2];
  REQUIRE(pipe(p) == 0);
  errno = 0;
  void* pm = mmap(NULL, 4096, PROT_READ, MAP_SHARED, p[0], 0);
  printf("mmap of a pipe: %s\n", pm == MAP_FAILED ? errname(errno) : "mapped");
  REQUIRE(close(p[0]) == 0 && close(p[1]) == 0);

  // flock through dups.
  int a = open("m", O_RDWR);
  int other = open("m", O_RDWR);
  REQUIRE(a >= 0 && other >= 0);
  SHOW("flock LOCK_EX", flock(a, LOCK_EX));
  int a2 = dup(a);
  REQUIRE(a2 >= 0);
  SHOW("dup shares the lock", flock(a2, LOCK_EX | LOCK_NB));
  SHOW("another open conflicts", flock(other, LOCK_SH | LOCK_NB));
  REQUIRE(close(a) == 0);
  SHOW("after closing one number, still held", flock(other, LOCK_SH | LOCK_NB));
  REQUIRE(close(a2) == 0);
  SHOW("after closing the last, free", flock(other, LOCK_SH | LOCK_NB));
  SHOW("unlock", flock(other, LOCK_UN));

  // fcntl record locks: a dup's F_SETLK and F_GETLK speak for the process.
  int b = open("m", O_RDWR);
  REQUIRE(b >= 0);
  int b2 = dup(b);
  struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10};
  SHOW("F_SETLK through the dup", fcntl(b2, F_SETLK, &fl));
  fl.l_type = F_WRLCK;
  SHOW("F_GETLK through the original", fcntl(b, F_GETLK, &fl));
  printf("own lock reported as: %s\n", fl.l_type == F_UNLCK ? "F_UNLCK" : "held by another");
  REQUIRE(close(b2) == 0 && close(b) == 0 && close(other) == 0);
  return 0;
}
