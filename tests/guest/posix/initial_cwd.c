// The initial working directory is $PWD when the host names a directory the
// guest can reach there (wasishim-exec passes the caller's; docs/porting.md),
// so relative paths and getcwd work before any chdir.
// wasishim-test: fixture initial_cwd_fixture
// wasishim-test: env PWD=/sandbox/sub
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "guest_test.h"

int main(void) {
  char cwd[256];
  REQUIRE(getcwd(cwd, sizeof cwd) != NULL);
  printf("getcwd: %s\n", cwd);
  FILE* f = fopen("note.txt", "r");
  REQUIRE(f != NULL);
  char line[128];
  REQUIRE(fgets(line, sizeof line, f) != NULL);
  fclose(f);
  printf("note.txt: %s", line);
  // chdir still works from there, lexically.
  REQUIRE(chdir("..") == 0);
  REQUIRE(getcwd(cwd, sizeof cwd) != NULL);
  printf("after chdir(\"..\"): %s\n", cwd);
  SHOW("open sub/note.txt", access("sub/note.txt", R_OK));
  return 0;
}
