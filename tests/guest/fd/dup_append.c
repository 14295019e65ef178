/* O_APPEND set with F_SETFL through one number applies to every dup of it:
 * the status flags belong to the open file description. Linux is the oracle.
 * wasishim-test: native
 * wasishim-test: node-differs Node's WASI accepts fd_fdstat_set_flags but neither reports nor applies O_APPEND */
#include <fcntl.h>
#include <unistd.h>

#include "guest_test.h"

int main(int argc, char** argv) {
  REQUIRE(argc >= 2);
  REQUIRE(chdir(argv[1]) == 0);
  int fd = open("f", O_CREAT | O_RDWR | O_TRUNC, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(write(fd, "0123456789", 10) == 10);
  int d = dup(fd);
  REQUIRE(d >= 0);
  SHOW("F_SETFL O_APPEND through fd", fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_APPEND));
  printf("dup sees O_APPEND: %d\n", (fcntl(d, F_GETFL) & O_APPEND) != 0);
  SHOW("lseek dup to 0", lseek(d, 0, SEEK_SET));
  SHOW("write through dup lands at the end", write(d, "AB", 2));
  SHOW("offset through fd", lseek(fd, 0, SEEK_CUR));
  SHOW("F_SETFL off through dup", fcntl(d, F_SETFL, fcntl(d, F_GETFL) & ~O_APPEND));
  printf("fd sees O_APPEND: %d\n", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
  REQUIRE(close(fd) == 0);
  SHOW("lseek dup to 0", lseek(d, 0, SEEK_SET));
  SHOW("write through dup lands at 0", write(d, "xy", 2));
  char buf[16] = {0};
  SHOW("pread", pread(d, buf, 12, 0));
  printf("contents: %s\n", buf);
  REQUIRE(close(d) == 0);
  return 0;
}
