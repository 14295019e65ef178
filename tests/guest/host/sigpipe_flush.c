/* `prog | head` once head has exited: a write to stdout is EPIPE for the
 * guest, the host lives on, and stores through a shared mapping still reach
 * the file when the program exits. Natively the program ignores SIGPIPE
 * (a guest has no signals; the host must not die of one) and the page cache
 * keeps its stores. Observations go to a log file in the sandbox.
 * wasishim-test: native
 * wasishim-test: stdout-closed */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#ifndef __wasi__
#include <signal.h>
#endif

#include "guest_test.h"

int main(int argc, char** argv) {
#ifndef __wasi__
  signal(SIGPIPE, SIG_IGN);
#endif
  REQUIRE(argc > 1);
  char path[512];
  snprintf(path, sizeof path, "%s/mapped.bin", argv[1]);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0 && ftruncate(fd, 4096) == 0);
  char* m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  REQUIRE(m != MAP_FAILED);
  strcpy(m + 100, "stored before stdout broke");

  snprintf(path, sizeof path, "%s/log", argv[1]);
  FILE* log = fopen(path, "w");
  REQUIRE(log != NULL);
  char buf[512];
  memset(buf, 'x', sizeof buf);
  int err = 0;
  long written = 0;
  for (int i = 0; i < 64; ++i) {
    errno = 0;
    ssize_t n = write(1, buf, sizeof buf);
    if (n < 0) {
      err = errno;
      break;
    }
    written += n;
  }
  fprintf(log, "write to stdout: %s after %ld bytes\n", errname(err), written);
  errno = 0;
  fputs("through stdio, without a newline", stdout);  /* buffered alike everywhere */
  int flushed = fflush(stdout);
  fprintf(log, "fflush(stdout): %d %s\n", flushed, errname(errno));
  strcpy(m + 2000, "stored after stdout broke");
  fclose(log);
  return 0;  /* no msync, no munmap: the exit flush writes the stores */
}
