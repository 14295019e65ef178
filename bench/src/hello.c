/* Row 6: start-up, nothing else. */
#include <stdio.h>

int main(void) {
  puts("hello, world");
  return 0;
}
