/* Links stdio, dirent, fopen and the shim together (no duplicate symbols)
 * and shows that the shim's definitions are the ones that run: after
 * chdir("sub") and chdir(".."), wasi-libc's own getcwd would say ".../sub/..";
 * wasi-libc has no realpath at all; fopen of a relative path must use the
 * shim's working directory. Linux is the oracle.
 * wasishim-test: native */
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest_test.h"

int main(int argc, char** argv) {
  REQUIRE(argc >= 2);
  char root[PATH_MAX];
  REQUIRE(realpath(argv[1], root) != NULL);
  REQUIRE(chdir(argv[1]) == 0);
  REQUIRE(mkdir("sub", 0755) == 0);
  REQUIRE(chdir("sub") == 0);
  REQUIRE(chdir("..") == 0);
  char cwd[PATH_MAX];
  REQUIRE(getcwd(cwd, sizeof cwd) != NULL);
  printf("getcwd after chdir(\"..\") is the sandbox: %d\n", strcmp(cwd, root) == 0);

  REQUIRE(chdir("sub") == 0);
  FILE* f = fopen("../via-stdio.txt", "w");
  REQUIRE(f != NULL);
  fprintf(f, "written through stdio from %s\n", "sub");
  fclose(f);
  REQUIRE(chdir("..") == 0);

  f = fopen("via-stdio.txt", "r");
  REQUIRE(f != NULL);
  char line[128];
  REQUIRE(fgets(line, sizeof line, f) != NULL);
  fclose(f);
  printf("read back: %s", line);

  char rp[PATH_MAX];
  REQUIRE(realpath("sub/../via-stdio.txt", rp) != NULL);
  printf("realpath is under the sandbox: %d, ends with the name: %d\n",
         strncmp(rp, root, strlen(root)) == 0, strcmp(rp + strlen(root), "/via-stdio.txt") == 0);

  DIR* d = opendir(".");
  REQUIRE(d != NULL);
  int files = 0, dirs = 0;
  struct dirent* e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    if (e->d_type == DT_DIR) ++dirs;
    if (e->d_type == DT_REG) ++files;
  }
  closedir(d);
  printf("directory: %d file(s), %d dir(s)\n", files, dirs);
  errno = 0;
  printf("fopen outside every preopen fails: %d\n", fopen("/no-such-preopen/x", "r") == NULL);
  return 0;
}
