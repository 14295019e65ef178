/* Row 1: N writes of one byte to stdout (the runner points it at /dev/null):
 * the cost of one WASI call round trip. */
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char** argv) {
  long n = argc > 1 ? atol(argv[1]) : 1000000;
  char c = 'x';
  for (long i = 0; i < n; ++i) {
    if (write(1, &c, 1) != 1) return 1;
  }
  return 0;
}
