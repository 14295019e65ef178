/* Mappings and malloc share linear memory: neither hands out the other's
 * bytes, however the calls interleave (wasi-libc's malloc claims memory up to
 * the end on its first call; mmap-emu makes sure that call comes first).
 * wasishim-test: native */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "guest_test.h"

#define ROUNDS 60

int main(void) {
  unsigned char* maps[ROUNDS];
  size_t map_len[ROUNDS];
  unsigned char* blocks[ROUNDS];
  size_t block_len[ROUNDS];
  unsigned seed = 1;
  for (int i = 0; i < ROUNDS; i++) {
    seed = seed * 1103515245u + 12345u;
    map_len[i] = 4096 * (1 + (seed >> 16) % 9);
    block_len[i] = 1000 + (seed >> 8) % 70000;
    if (i % 2 == 0) {  /* the very first call is mmap, before any malloc */
      maps[i] = mmap(NULL, map_len[i], PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      blocks[i] = malloc(block_len[i]);
    } else {
      blocks[i] = malloc(block_len[i]);
      maps[i] = mmap(NULL, map_len[i], PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    }
    REQUIRE(maps[i] != MAP_FAILED && blocks[i] != NULL);
    int zero = 1;
    for (size_t k = 0; k < map_len[i]; k++) zero &= maps[i][k] == 0;
    REQUIRE(zero);
    memset(maps[i], 'M' + i % 7, map_len[i]);
    memset(blocks[i], 'b' + i % 7, block_len[i]);
    if (i % 3 == 2) {  /* free and unmap some, so pages and blocks get reused */
      REQUIRE(munmap(maps[i - 1], map_len[i - 1]) == 0);
      free(blocks[i - 2]);
      maps[i - 1] = NULL;
      blocks[i - 2] = NULL;
    }
  }
  int intact = 1;
  for (int i = 0; i < ROUNDS; i++) {
    for (size_t k = 0; maps[i] && k < map_len[i]; k++) intact &= maps[i][k] == 'M' + i % 7;
    for (size_t k = 0; blocks[i] && k < block_len[i]; k++) intact &= blocks[i][k] == 'b' + i % 7;
  }
  printf("all mappings and blocks intact: %d\n", intact);
  return intact ? 0 : 1;
}
