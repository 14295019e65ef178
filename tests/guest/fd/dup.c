/* dup, dup2, dup3 and fcntl(F_DUPFD[_CLOEXEC]): new numbers for one open file
 * description. They share the offset, keep their own FD_CLOEXEC, outlive
 * each other, and the file is closed when the last one goes (its number is
 * then the lowest free again). Errors as POSIX says. Linux is the oracle.
 * wasishim-test: native */
#include <fcntl.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "guest_test.h"

static void show_read(const char* label, int fd, size_t n) {
  char buf[64] = {0};
  errno = 0;
  ssize_t got = read(fd, buf, n);
  if (got < 0)
    printf("%s: -1 %s\n", label, errname(errno));
  else
    printf("%s: %zd \"%s\"\n", label, got, buf);
}

int main(int argc, char** argv) {
  REQUIRE(argc >= 2);
  REQUIRE(chdir(argv[1]) == 0);
  int fd = open("f", O_CREAT | O_RDWR | O_TRUNC, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(write(fd, "0123456789abcdef", 16) == 16);
  REQUIRE(lseek(fd, 0, SEEK_SET) == 0);

  // dup: the lowest free number, one offset for both.
  int probe = open("f", O_RDONLY);
  REQUIRE(probe >= 0);
  REQUIRE(close(probe) == 0);  // `probe` is now the lowest free number
  int d = dup(fd);
  printf("dup is the lowest free number: %d\n", d == probe);
  show_read("read 4 through fd", fd, 4);
  show_read("read 4 through dup", d, 4);
  SHOW("offset seen through fd", lseek(fd, 0, SEEK_CUR));
  SHOW("lseek through dup to 2", lseek(d, 2, SEEK_SET));
  show_read("read 3 through fd", fd, 3);
  SHOW("write through dup", write(d, "XY", 2));
  SHOW("offset through fd", lseek(fd, 0, SEEK_CUR));
  char all[17] = {0};
  SHOW("pread whole file", pread(fd, all, 16, 0));
  printf("file: %s\n", all);

  // FD_CLOEXEC belongs to the number.
  SHOW("F_SETFD dup cloexec", fcntl(d, F_SETFD, FD_CLOEXEC));
  SHOW("F_GETFD dup", fcntl(d, F_GETFD));
  SHOW("F_GETFD fd", fcntl(fd, F_GETFD));
  int c = fcntl(fd, F_DUPFD_CLOEXEC, 0);
  REQUIRE(c >= 0);
  SHOW("F_GETFD of F_DUPFD_CLOEXEC", fcntl(c, F_GETFD));
  REQUIRE(close(c) == 0);
  int above = fcntl(fd, F_DUPFD, 40);
  printf("F_DUPFD 40 gives 40: %d\n", above == 40);
  int above2 = fcntl(fd, F_DUPFD, 40);
  printf("F_DUPFD 40 again gives 41: %d\n", above2 == 41);
  SHOW("F_GETFD of F_DUPFD", fcntl(above, F_GETFD));
  SHOW("F_GETFL access mode is O_RDWR", (fcntl(above, F_GETFL) & O_ACCMODE) == O_RDWR);

  // dup2 onto a free number and onto an open one; dup3's flag.
  SHOW("dup2 onto 50", dup2(fd, 50));
  SHOW("dup2 onto open 41", dup2(d, 41));
  SHOW("lseek through 41", lseek(41, 0, SEEK_CUR));
  SHOW("dup3 onto 51 with O_CLOEXEC", dup3(fd, 51, O_CLOEXEC));
  SHOW("F_GETFD 51", fcntl(51, F_GETFD));
  SHOW("F_GETFD 50", fcntl(50, F_GETFD));
  SHOW("dup2 onto itself", dup2(fd, fd) == fd);
  SHOW("dup2 of 51 onto 50 (same file)", dup2(51, 50));
  SHOW("F_GETFD 50 after", fcntl(50, F_GETFD));

  // Closing numbers one by one: the others keep working.
  REQUIRE(close(fd) == 0);
  SHOW("read through closed fd", read(fd, all, 1));
  SHOW("lseek through dup after close(fd)", lseek(d, 0, SEEK_SET));
  show_read("read through dup", d, 5);
  int nums[] = {d, above, above2, 50, 51};
  for (size_t i = 0; i < sizeof nums / sizeof nums[0]; ++i) REQUIRE(close(nums[i]) == 0);
  SHOW("close last again", close(51));
  int again = open("f", O_RDONLY);
  printf("file closed, its number free again: %d\n", again == fd);
  REQUIRE(close(again) == 0);

  // open gives the lowest free number whatever dup did to the numbers: one
  // taken by dup2 is skipped, and one closed while a dup keeps its file open
  // is free again.
  int k = open("f", O_RDWR);
  REQUIRE(k >= 0);
  SHOW("dup2 onto the next number", dup2(k, k + 1) == k + 1);
  int next = open("f", O_RDONLY);
  printf("open skips the dup2'ed number: %d\n", next == k + 2);
  REQUIRE(close(k) == 0);
  int reuse = open("f", O_RDONLY);
  printf("open reuses the number closed under a dup: %d\n", reuse == k);
  SHOW("the dup still reads", pread(k + 1, all, 4, 0));
  REQUIRE(close(k + 1) == 0 && close(next) == 0 && close(reuse) == 0);

  // Errors.
  SHOW("dup bad", dup(77));
  SHOW("dup -1", dup(-1));
  SHOW("dup2 bad source", dup2(77, 78));
  SHOW("dup2 bad onto itself", dup2(77, 77));
  SHOW("dup2 onto -1", dup2(0, -1));
  struct rlimit rl;
  REQUIRE(getrlimit(RLIMIT_NOFILE, &rl) == 0);
  SHOW("dup2 onto the limit", dup2(0, (int)rl.rlim_cur));
  SHOW("F_DUPFD from the limit", fcntl(0, F_DUPFD, (int)rl.rlim_cur));
  SHOW("F_DUPFD from -1", fcntl(0, F_DUPFD, -1));
  SHOW("dup3 onto itself", dup3(0, 0, 0));
  SHOW("dup3 bad flags", dup3(0, 60, 12345));
  SHOW("dup3 bad source", dup3(77, 60, 0));
  SHOW("F_DUPFD bad", fcntl(77, F_DUPFD, 0));
  return 0;
}
