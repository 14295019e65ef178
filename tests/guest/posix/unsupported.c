/* What preview1 cannot do fails with ENOSYS (docs/porting.md): processes,
 * pipes, descriptor duplication. dup2(fd, fd) is only a validity check, so it
 * works. Linux would succeed, so the expected output is written by hand. */
#include <fcntl.h>
#include <unistd.h>

#include "guest_test.h"

int main(void) {
  int fds[2];
  SHOW("fork", fork());
  SHOW("pipe", pipe(fds));
  SHOW("dup", dup(1));
  SHOW("dup2 to another", dup2(1, 7));
  SHOW("dup2 to itself", dup2(1, 1) == 1 ? 0 : -1);
  SHOW("dup2 bad fd to itself", dup2(99, 99));
  SHOW("fcntl F_DUPFD", fcntl(1, F_DUPFD, 0));
  char* const args[] = {"sh", NULL};
  SHOW("execv", execv("/bin/sh", args));
  SHOW("execvp", execvp("sh", args));
  return 0;
}
