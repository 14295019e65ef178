/* Row 4: map a file MAP_SHARED, change one byte in PERCENT% of its pages,
 * chosen at random with a fixed seed, and msync. Each run increments the
 * bytes it touches, so every run really changes the pages it dirties.
 *
 *   map_dirty FILE PERCENT */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char** argv) {
  if (argc < 3) return 2;
  int fd = open(argv[1], O_RDWR);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0) {
    perror(argv[1]);
    return 1;
  }
  long page = sysconf(_SC_PAGESIZE);
  size_t pages = (size_t)st.st_size / (size_t)page;
  size_t want = pages * (size_t)atoi(argv[2]) / 100;
  unsigned char* map = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED) {
    perror("mmap");
    return 1;
  }
  unsigned char* touched = calloc(pages, 1);
  uint64_t state = 0x9e3779b97f4a7c15ull;
  size_t dirtied = 0;
  while (dirtied < want) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    size_t p = (size_t)(state >> 33) % pages;
    if (touched[p]) continue;
    touched[p] = 1;
    map[p * (size_t)page + (state >> 20) % (size_t)page]++;
    dirtied++;
  }
  if (msync(map, (size_t)st.st_size, MS_SYNC) != 0) {
    perror("msync");
    return 1;
  }
  printf("dirtied %zu of %zu pages of %ld bytes\n", dirtied, pages, page);
  munmap(map, (size_t)st.st_size);
  close(fd);
  return 0;
}
