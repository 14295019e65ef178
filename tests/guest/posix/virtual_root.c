/* Directories that exist only on the way to a preopen: with only /sandbox
 * preopened, "/" can be stat'ed and chdir'ed into, and paths outside every
 * preopen do not exist. Linux has a real "/", so the expected output is
 * written by hand. */
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest_test.h"

int main(void) {
  char buf[PATH_MAX];
  struct stat st;
  printf("initial cwd: %s\n", getcwd(buf, sizeof buf));
  SHOW("stat /", stat("/", &st));
  printf("/ is a directory: %d\n", S_ISDIR(st.st_mode));
  SHOW("chdir sandbox (relative to /)", chdir("sandbox"));
  printf("cwd: %s\n", getcwd(buf, sizeof buf));
  SHOW("chdir ../../..", chdir("../../.."));
  printf("cwd: %s\n", getcwd(buf, sizeof buf));
  SHOW("open /elsewhere", open("/elsewhere", O_RDONLY));
  SHOW("stat /elsewhere", stat("/elsewhere", &st));
  SHOW("chdir /elsewhere", chdir("/elsewhere"));
  SHOW("open / for reading", open("/", O_RDONLY));
  SHOW("mkdir /newdir", mkdir("/newdir", 0755));
  printf("realpath /sandbox/../sandbox/.: %s\n", realpath("/sandbox/../sandbox/.", buf) ? buf : "NULL");
  printf("realpath /: %s\n", realpath("/", buf) ? buf : "NULL");
  SHOW("access /sandbox", access("/sandbox", F_OK));
  return 0;
}
