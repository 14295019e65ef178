/* /dev/tty without a preopen of /dev: ENXIO, as Linux answers a process with
 * no controlling terminal (docs/porting.md, "Device files"). Linux's answer
 * depends on how the test is started (from a terminal it opens), so the
 * expected output is written by hand. The names the shim does not provide
 * are ENOENT, and a name the shim provides is still refused as a directory. */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest_test.h"

int main(void) {
  SHOW("open /dev/tty", open("/dev/tty", O_RDWR));
  SHOW("open /dev/console", open("/dev/console", O_RDWR));
  SHOW("open /dev/fd/", open("/dev/fd/", O_RDONLY));
  SHOW("open /dev/fd/01", open("/dev/fd/01", O_RDONLY));
  SHOW("open /dev/stdin/", open("/dev/stdin/", O_RDONLY));
  struct stat st;
  SHOW("stat /dev", stat("/dev", &st));
  return 0;
}
