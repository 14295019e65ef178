/* Row 3: checksum every byte of a file, either through a read-only mapping
 * (`map`) or after one pread of the whole file into a single buffer (`pread`,
 * the single-copy baseline a wasm mapping is measured against). */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static uint64_t checksum(const unsigned char* p, size_t n) {
  uint64_t sum = 0;
  for (size_t i = 0; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, p + i, 8);
    sum += w;
  }
  return sum;
}

int main(int argc, char** argv) {
  if (argc < 3) return 2;
  int fd = open(argv[1], O_RDONLY);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0) {
    perror(argv[1]);
    return 1;
  }
  size_t size = (size_t)st.st_size;
  uint64_t sum;
  if (strcmp(argv[2], "map") == 0) {
    void* p = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      perror("mmap");
      return 1;
    }
    sum = checksum(p, size);
    munmap(p, size);
  } else {
    unsigned char* buf = malloc(size);
    size_t got = 0;
    while (buf && got < size) {
      ssize_t r = pread(fd, buf + got, size - got, (off_t)got);
      if (r <= 0) return 1;
      got += (size_t)r;
    }
    if (!buf) return 1;
    sum = checksum(buf, size);
    free(buf);
  }
  close(fd);
  printf("%zu bytes, sum %016llx\n", size, (unsigned long long)sum);
  return 0;
}
