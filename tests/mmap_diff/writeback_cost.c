/* Stores into a shared mapping of a 1 MiB file, then msync: the bytes the
 * emulation writes back (counted by writeback_cost.py from the host's trace)
 * must follow the bytes stored, never the size of the mapping.
 * Prints the number of bytes stored and of pages touched. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGES 256
#define PAGE 4096

static unsigned char touched[PAGES];

int main(int argc, char** argv) {
  if (argc < 3) return 2;
  char path[512];
  snprintf(path, sizeof path, "%s/cost.bin", argv[1]);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  if (fd < 0 || ftruncate(fd, PAGES * PAGE) != 0) return 3;
  unsigned char* m = mmap(NULL, PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (m == MAP_FAILED) return 4;
  unsigned seed = 7;
  size_t stored = 0, pages = 0;
  int sparse = strcmp(argv[2], "sparse") == 0;
  for (int i = 0; i < 40; i++) {
    seed = seed * 1103515245u + 12345u;
    size_t page = (seed >> 8) % PAGES;
    /* sparse: one run of bytes per page touched; dense: whole pages. */
    size_t len = sparse ? 1 + (seed >> 20) % 300 : PAGE;
    size_t at = sparse ? (seed >> 4) % (PAGE - len) : 0;
    if (touched[page]) continue;
    touched[page] = 1;
    memset(m + page * PAGE + at, 0xA5, len);
    stored += len;
    pages++;
  }
  printf("MARK\n");
  fflush(stdout);
  if (msync(m, PAGES * PAGE, MS_SYNC) != 0) return 5;
  printf("stored %zu pages %zu\n", stored, pages);
  fflush(stdout);
  return 0;
}
