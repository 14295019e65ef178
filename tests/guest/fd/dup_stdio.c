/* dup2 onto 1 and 2 redirects stdio, FILE buffering included: printf after
 * dup2(fd, 1) lands in the file, and stdout comes back through a saved dup.
 * freopen (wasi-libc renumbers its new descriptor onto the old number) keeps
 * working beside dups. Linux is the oracle.
 * wasishim-test: native */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "guest_test.h"

static void show_file(const char* name) {
  char buf[256] = {0};
  int fd = open(name, O_RDONLY);
  REQUIRE(fd >= 0);
  ssize_t n = read(fd, buf, sizeof buf - 1);
  REQUIRE(n >= 0);
  REQUIRE(close(fd) == 0);
  printf("%s holds %zd bytes:\n%s", name, n, buf);
  fflush(stdout);
}

int main(int argc, char** argv) {
  REQUIRE(argc >= 2);
  REQUIRE(chdir(argv[1]) == 0);
  printf("before redirection\n");
  fflush(stdout);

  int saved = dup(1);
  REQUIRE(saved >= 0);
  int fd = open("out.txt", O_CREAT | O_WRONLY | O_TRUNC, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(dup2(fd, 1) == 1);
  REQUIRE(close(fd) == 0);
  printf("printf into the file\n");
  fputs("fputs into the file\n", stdout);
  fflush(stdout);
  REQUIRE(write(1, "write(1) into the file\n", 23) == 23);
  REQUIRE(dup2(1, 2) == 2);  // stderr too, unbuffered
  fprintf(stderr, "stderr into the file\n");
  REQUIRE(dup2(saved, 1) == 1);
  REQUIRE(close(saved) == 0);
  printf("stdout is back\n");
  fflush(stdout);
  show_file("out.txt");

  // freopen of stdout onto a file, then stdout back through a saved dup.
  saved = dup(1);
  REQUIRE(saved >= 0);
  REQUIRE(freopen("log.txt", "w", stdout) == stdout);
  printf("printf after freopen\n");
  fflush(stdout);
  REQUIRE(dup2(saved, 1) == 1);
  REQUIRE(close(saved) == 0);
  printf("stdout is back again\n");
  fflush(stdout);
  show_file("log.txt");
  return 0;
}
