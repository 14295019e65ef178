/* Truncation by open(O_TRUNC), creat and fopen("w") while a shared mapping
 * of the file lives (issue 10, item 2): the mapping must show the cut (no
 * pre-truncation byte comes back when the file grows again), and a later
 * write-back must write only what the program stored since.
 * Every access to the mapping is made while the file covers it (Linux raises
 * SIGBUS past the end of file).
 * wasishim-test: native
 * wasishim-test: node-differs Node's fd_fdstat_get reports a write-only descriptor as O_APPEND (it returns the host's open flags), so a pwrite through the creat and fopen descriptors is taken to land at the end of file */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "guest_test.h"

#define P 4096

static void run(const char* dir, const char* how) {
  char path[512];
  snprintf(path, sizeof path, "%s/cut_by_%s.bin", dir, how);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0 && ftruncate(fd, 2 * P) == 0);
  char* m = mmap(NULL, 2 * P, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  REQUIRE(m != MAP_FAILED);
  memset(m, 'o', 2 * P);  /* the old content */
  REQUIRE(msync(m, 2 * P, MS_SYNC) == 0);

  FILE* f = NULL;
  int cut = -1;
  if (strcmp(how, "open") == 0) cut = open(path, O_RDWR | O_TRUNC);
  if (strcmp(how, "creat") == 0) cut = creat(path, 0644);
  if (strcmp(how, "fopen") == 0) {
    f = fopen(path, "w");
    REQUIRE(f != NULL);
    cut = fileno(f);
  }
  REQUIRE(cut >= 0);
  /* Grow again (a hole that reads zero), then new bytes at the start. */
  REQUIRE(ftruncate(fd, 2 * P) == 0);
  REQUIRE(pwrite(cut, "new", 3, 0) == 3);
  printf("%s: map [%.3s] %02x %02x %02x\n", how, m, (unsigned char)m[3], (unsigned char)m[100],
         (unsigned char)m[P + 7]);
  m[50] = 'a';
  m[150] = 'b';
  SHOW("msync", msync(m, 2 * P, MS_SYNC));
  char got[200];
  SHOW("pread", pread(fd, got, sizeof got, 0));
  int olds = 0;
  for (size_t i = 0; i < sizeof got; ++i) olds += got[i] == 'o';
  printf("%s: file [%.3s] %c %c, old bytes back: %d\n", how, got, got[50], got[150], olds);
  REQUIRE(munmap(m, 2 * P) == 0);
  if (f) fclose(f); else close(cut);
  close(fd);
}

int main(int argc, char** argv) {
  REQUIRE(argc > 1);
  run(argv[1], "open");
  run(argv[1], "creat");
  run(argv[1], "fopen");
  return 0;
}
