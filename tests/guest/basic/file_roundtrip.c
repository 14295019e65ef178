/* Writes, seeks, reads back and stats a file in the sandbox; checks the
 * error paths of the basic descriptor calls.
 * wasishim-test: native */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest_test.h"

int main(int argc, char** argv) {
  REQUIRE(argc >= 2);
  char path[512];
  snprintf(path, sizeof path, "%s/data.txt", argv[1]);

  int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);
  REQUIRE(fd >= 0);
  const char text[] = "hello, wasishim\nsecond line\n";
  SHOW("write", write(fd, text, sizeof text - 1));
  SHOW("lseek end", lseek(fd, 0, SEEK_END));
  SHOW("lseek set 7", lseek(fd, 7, SEEK_SET));
  char buf[64] = {0};
  SHOW("read 8", read(fd, buf, 8));
  printf("read text: %s\n", buf);
  struct stat st;
  SHOW("fstat", fstat(fd, &st));
  printf("size %lld regular %d\n", (long long)st.st_size, S_ISREG(st.st_mode) ? 1 : 0);
  SHOW("lseek negative", lseek(fd, -100, SEEK_SET));
  SHOW("close", close(fd));
  SHOW("close again", close(fd));
  SHOW("read closed", read(fd, buf, 1));

  char missing[512];
  snprintf(missing, sizeof missing, "%s/no/such/file", argv[1]);
  SHOW("open missing", open(missing, O_RDONLY));
  SHOW("open excl existing", open(path, O_CREAT | O_EXCL | O_WRONLY, 0644));
  SHOW("open dir for write", open(argv[1], O_WRONLY));
  return 0;
}
