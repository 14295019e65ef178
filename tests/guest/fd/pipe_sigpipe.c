/* A write to a pipe without a reader, SIGPIPE at its default action: the
 * program ends as killed by SIGPIPE, status 141 (128 + 13); stdio output not
 * flushed is lost. Linux is the oracle.
 * wasishim-test: native
 * wasishim-test: exit 141 */
#include <unistd.h>

#include "guest_test.h"

int main(void) {
  int p[2];
  REQUIRE(pipe(p) == 0);
  REQUIRE(close(p[0]) == 0);
  printf("before the write\n");
  fflush(stdout);
  printf("lost: never flushed\n");
  (void)write(p[1], "x", 1);
  fflush(stdout);
  printf("not reached\n");
  return 0;
}
