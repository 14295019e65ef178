/* Row 5: CPU only, no I/O in the timed part: fill N 32-bit keys from a
 * xorshift generator, sort them (an in-place quicksort with insertion sort for
 * short runs; no qsort, so no indirect calls), then hash the sorted array with
 * FNV-1a, ROUNDS times. Prints the hash so every host's answer is compared. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint32_t state = 2463534242u;
static uint32_t next(void) {
  state ^= state << 13;
  state ^= state >> 17;
  state ^= state << 5;
  return state;
}

static void insertion_sort(uint32_t* a, long n) {
  for (long i = 1; i < n; ++i) {
    uint32_t v = a[i];
    long j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      --j;
    }
    a[j + 1] = v;
  }
}

static void sort(uint32_t* a, long n) {
  while (n > 24) {
    uint32_t x = a[0], y = a[n / 2], z = a[n - 1];
    uint32_t pivot = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
    long i = 0, j = n - 1;
    for (;;) {
      while (a[i] < pivot) ++i;
      while (a[j] > pivot) --j;
      if (i >= j) break;
      uint32_t t = a[i];
      a[i] = a[j];
      a[j] = t;
      ++i, --j;
    }
    long left = j + 1;
    if (left < n - left) {
      sort(a, left);
      a += left, n -= left;
    } else {
      sort(a + left, n - left);
      n = left;
    }
  }
  insertion_sort(a, n);
}

int main(int argc, char** argv) {
  long n = argc > 1 ? atol(argv[1]) : 4000000;
  int rounds = argc > 2 ? atoi(argv[2]) : 3;
  uint32_t* keys = malloc((size_t)n * sizeof *keys);
  if (!keys) return 1;
  uint64_t hash = 1469598103934665603ull;
  for (int r = 0; r < rounds; ++r) {
    for (long i = 0; i < n; ++i) keys[i] = next();
    sort(keys, n);
    const unsigned char* bytes = (const unsigned char*)keys;
    for (long i = 0; i < n * 4; ++i) {
      hash ^= bytes[i];
      hash *= 1099511628211ull;
    }
  }
  for (long i = 1; i < n; ++i) {
    if (keys[i - 1] > keys[i]) return 2;
  }
  printf("%016llx\n", (unsigned long long)hash);
  free(keys);
  return 0;
}
