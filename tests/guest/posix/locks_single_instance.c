/* Lock waits that only another thread or process could end: an instance has
 * neither, so a blocking flock that conflicts reports EDEADLK instead of
 * hanging (Linux would wait forever, so the expected output is written by
 * hand from docs/porting.md). Record locks of the one process never conflict,
 * so F_SETLKW always succeeds. */
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "guest_test.h"

int main(int argc, char** argv) {
  REQUIRE(argc >= 2);
  REQUIRE(chdir(argv[1]) == 0);
  int a = open("f", O_CREAT | O_RDWR, 0644);
  int b = open("f", O_RDWR);
  REQUIRE(a >= 0 && b >= 0);
  SHOW("flock a LOCK_EX", flock(a, LOCK_EX));
  SHOW("flock b LOCK_EX (would wait forever)", flock(b, LOCK_EX));
  SHOW("flock b LOCK_SH (would wait forever)", flock(b, LOCK_SH));
  SHOW("flock a LOCK_UN", flock(a, LOCK_UN));
  SHOW("flock b LOCK_EX now free", flock(b, LOCK_EX));
  struct flock fl;
  memset(&fl, 0, sizeof fl);
  fl.l_type = F_WRLCK;
  fl.l_whence = SEEK_SET;
  SHOW("F_SETLKW a", fcntl(a, F_SETLKW, &fl));
  SHOW("F_SETLKW b, same process", fcntl(b, F_SETLKW, &fl));
  close(a);
  close(b);
  return 0;
}
