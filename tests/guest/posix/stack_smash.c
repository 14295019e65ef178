/* A function compiled with -fstack-protector-all that overruns a local
 * array is stopped when it returns: the C library writes "stack smashing
 * detected" to stderr and the process dies by SIGABRT (status 134) before
 * the caller sees the corrupted frame. Calls that stay in bounds run
 * normally. Linux is the oracle.
 * wasishim-test: native
 * wasishim-test: cflags -fstack-protector-all
 * wasishim-test: exit 134
 * wasishim-test: stderr *** stack smashing detected ***
 */
#include <stdio.h>
#include <string.h>

/* Not inlined, so neither compiler sees the overrun and removes it. */
__attribute__((noinline)) static void fill(char* dst, size_t n, char c) { memset(dst, c, n); }

__attribute__((noinline)) static int sum_of_filled(size_t n) {
  char buf[16] = {0};
  fill(buf, n, 1);
  int sum = 0;
  for (size_t i = 0; i < sizeof buf; i++) sum += buf[i];
  return sum;
}

/* A length the compiler cannot know: 16 plus 48 for a program with arguments. */
static size_t overrun_length(int argc) { return 16 + (argc > 0 ? 48u : 0u); }

int main(int argc, char** argv) {
  (void)argv;
  printf("in bounds: %d\n", sum_of_filled(16));
  printf("nested in bounds: %d\n", sum_of_filled(8) + sum_of_filled(4));
  fflush(stdout);
  printf("overrun: %d\n", sum_of_filled(overrun_length(argc)));
  printf("not reached\n");
  return 0;
}
