// Recurses N levels deep with a 4 KiB frame each, then checks that static
// data survived. With the stack first in linear memory an overflow must trap;
// without it, the frames would run down into .data/.bss and corrupt them.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FRAME 4096

static char canary[64] = "static data that an overflowing stack must never reach";
static unsigned long long bss_sum;

// noinline and the volatile frame keep each level's 4 KiB on the stack.
__attribute__((noinline)) static unsigned long long descend(int depth) {
  volatile unsigned char frame[FRAME];
  for (int i = 0; i < FRAME; i += 64) frame[i] = (unsigned char)(depth + i);
  unsigned long long below = depth > 1 ? descend(depth - 1) : 0;
  return below + frame[depth % FRAME & ~63];
}

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  int kib = atoi(argv[1]);  // how much stack to use, in KiB
  bss_sum = descend(kib * 1024 / FRAME);
  if (strcmp(canary, "static data that an overflowing stack must never reach") != 0) {
    puts("corrupted");
    return 1;
  }
  printf("used %d KiB of stack, static data intact\n", kib);
  return 0;
}
