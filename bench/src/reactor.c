/* Row 7: a small reactor: state in linear memory, one export that updates it. */
#include <stdint.h>

static uint32_t counter;
static char scratch[256];

__attribute__((export_name("touch"))) uint32_t touch(uint32_t x) {
  scratch[x % sizeof scratch] += 1;
  return counter += x;
}
