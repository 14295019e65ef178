/* mkstemp, mkostemp, mkdtemp and tmpfile through the shim. tmpfile uses
 * $TMPDIR (the sandbox here; Linux's tmpfile ignores it and uses /tmp) and
 * leaves nothing behind. Linux is the oracle.
 * wasishim-test: native
 * wasishim-test: env TMPDIR=/sandbox */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest_test.h"

int main(int argc, char** argv) {
  REQUIRE(argc >= 2);
  REQUIRE(chdir(argv[1]) == 0);
  umask(022);

  char name[64] = "tmp-XXXXXX";
  int fd = mkstemp(name);
  REQUIRE(fd >= 0);
  printf("mkstemp kept the prefix: %d, replaced the X's: %d\n", strncmp(name, "tmp-", 4) == 0,
         strcmp(name + 4, "XXXXXX") != 0);
  struct stat st;
  SHOW("stat", stat(name, &st));
  printf("mode %03o size %lld\n", (unsigned)(st.st_mode & 0777), (long long)st.st_size);
  SHOW("write", write(fd, "temp", 4));
  SHOW("lseek", lseek(fd, 0, SEEK_SET));
  char buf[8] = {0};
  SHOW("read back", read(fd, buf, 4));
  close(fd);
  SHOW("unlink", unlink(name));

  char second[64] = "tmp-XXXXXX";
  char third[64] = "tmp-XXXXXX";
  int f2 = mkstemp(second), f3 = mkstemp(third);
  printf("two names differ: %d\n", strcmp(second, third) != 0);
  close(f2);
  close(f3);
  unlink(second);
  unlink(third);

  char bad[64] = "tmp-XXXXX";
  SHOW("mkstemp short template", mkstemp(bad));
  SHOW("mkostemp bad flag", mkostemp((char[64]){"tmp-XXXXXX"}, O_DIRECTORY));
  char bad2[64] = "XXXXXXtmp";
  SHOW("mkstemp X's not last", mkstemp(bad2));
  char nodir[64] = "nodir/tmp-XXXXXX";
  SHOW("mkstemp missing dir", mkstemp(nodir));

  char oname[64] = "otmp-XXXXXX";
  fd = mkostemp(oname, O_APPEND);
  REQUIRE(fd >= 0);
  SHOW("mkostemp O_APPEND write", write(fd, "x", 1));
  close(fd);
  unlink(oname);

  char dname[64] = "dir-XXXXXX";
  char* d = mkdtemp(dname);
  REQUIRE(d == dname);
  SHOW("stat dir", stat(dname, &st));
  printf("dir %d mode %03o\n", S_ISDIR(st.st_mode), (unsigned)(st.st_mode & 0777));
  SHOW("rmdir", rmdir(dname));
  char dbad[64] = "dir-XXX";
  SHOW("mkdtemp bad template", mkdtemp(dbad) == NULL ? -1 : 0);

  FILE* t = tmpfile();
  REQUIRE(t != NULL);
  printf("fputs: %d\n", fputs("scratch data", t) >= 0);
  rewind(t);
  char line[32] = {0};
  REQUIRE(fgets(line, sizeof line, t) != NULL);
  printf("tmpfile read back: %s\n", line);
  fclose(t);
  return 0;
}
