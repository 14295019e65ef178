/* Row 2: read a file in 64 KiB chunks and checksum it (a 64-bit sum of
 * little-endian words, so the loop is cheap next to the reads). */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static unsigned char buffer[64 * 1024];

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  int fd = open(argv[1], O_RDONLY);
  if (fd < 0) {
    perror("open");
    return 1;
  }
  uint64_t sum = 0, total = 0;
  for (;;) {
    ssize_t got = read(fd, buffer, sizeof buffer);
    if (got < 0) return 1;
    if (got == 0) break;
    total += (uint64_t)got;
    for (ssize_t i = 0; i + 8 <= got; i += 8) {
      uint64_t w;
      memcpy(&w, buffer + i, 8);
      sum += w;
    }
  }
  close(fd);
  printf("%llu bytes, sum %016llx\n", (unsigned long long)total, (unsigned long long)sum);
  return 0;
}
