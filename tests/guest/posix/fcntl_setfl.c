/* fcntl F_SETFL: O_APPEND turned on and off on an open descriptor, seen
 * through F_GETFL and through where writes land. Linux is the oracle.
 * wasishim-test: native
 * wasishim-test: node-differs Node's WASI accepts fd_fdstat_set_flags but neither reports nor applies O_APPEND */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest_test.h"

int main(int argc, char** argv) {
  REQUIRE(argc >= 2);
  REQUIRE(chdir(argv[1]) == 0);
  int fd = open("f", O_CREAT | O_RDWR | O_TRUNC, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(write(fd, "0123456789", 10) == 10);
  int fl = fcntl(fd, F_GETFL);
  printf("append before: %d\n", (fl & O_APPEND) != 0);
  SHOW("F_SETFL O_APPEND", fcntl(fd, F_SETFL, fl | O_APPEND));
  printf("append now: %d\n", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
  SHOW("lseek 0", lseek(fd, 0, SEEK_SET));
  SHOW("write lands at the end", write(fd, "AB", 2));
  SHOW("offset", lseek(fd, 0, SEEK_CUR));
  SHOW("F_SETFL off", fcntl(fd, F_SETFL, fl & ~O_APPEND));
  printf("append after: %d\n", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
  SHOW("lseek 0", lseek(fd, 0, SEEK_SET));
  SHOW("write lands at 0", write(fd, "xy", 2));
  struct stat st;
  fstat(fd, &st);
  printf("size: %lld\n", (long long)st.st_size);
  char buf[16] = {0};
  SHOW("pread", pread(fd, buf, 12, 0));
  printf("contents: %s\n", buf);
  SHOW("F_SETFL bad fd", fcntl(99, F_SETFL, O_APPEND));
  close(fd);
  return 0;
}
