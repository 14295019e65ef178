// A PWD the guest cannot reach (under no preopen, or not a directory) is
// ignored: the working directory starts at "/", as with no PWD at all.
// wasishim-test: env PWD=/not/a/preopen
#include <stdio.h>
#include <unistd.h>

#include "guest_test.h"

int main(void) {
  char cwd[256];
  REQUIRE(getcwd(cwd, sizeof cwd) != NULL);
  printf("getcwd: %s\n", cwd);
  SHOW("access sandbox", access("sandbox", F_OK));
  return 0;
}
