/* st_blksize is the preferred I/O size Linux reports for files on its common
 * file systems (4096), and st_blocks covers a file written without holes.
 * wasishim-test: native */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest_test.h"

static void show(const char* root, const char* name, size_t size) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", root, name);
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0);
  char buf[1000];
  memset(buf, 'b', sizeof buf);
  for (size_t done = 0; done < size;) {
    size_t n = size - done < sizeof buf ? size - done : sizeof buf;
    REQUIRE(write(fd, buf, n) == (ssize_t)n);
    done += n;
  }
  REQUIRE(fsync(fd) == 0);
  struct stat st, fst;
  REQUIRE(stat(path, &st) == 0 && fstat(fd, &fst) == 0);
  close(fd);
  printf("%s: size %lld, blksize %ld, fstat blksize %ld, blocks cover the size: %d\n", name,
         (long long)st.st_size, (long)st.st_blksize, (long)fst.st_blksize,
         (long long)st.st_blocks * 512 >= (long long)st.st_size);
}

int main(int argc, char** argv) {
  REQUIRE(argc > 1);
  show(argv[1], "empty", 0);
  show(argv[1], "one", 1);
  show(argv[1], "page", 4096);
  show(argv[1], "more", 5000);
  struct stat st;
  REQUIRE(stat(argv[1], &st) == 0);
  printf("directory blksize %ld\n", (long)st.st_blksize);
  return 0;
}
