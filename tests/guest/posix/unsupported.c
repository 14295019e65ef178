/* What preview1 cannot do fails with ENOSYS (docs/porting.md): creating and
 * running processes. Linux would succeed, so the expected output is written
 * by hand. (Pipes and dup work inside the instance: tests/guest/fd.) */
#include <fcntl.h>
#include <unistd.h>

#include "guest_test.h"

int main(void) {
  SHOW("fork", fork());
  char* const args[] = {"sh", NULL};
  SHOW("execv", execv("/bin/sh", args));
  SHOW("execvp", execvp("sh", args));
  return 0;
}
