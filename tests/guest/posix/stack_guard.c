/* The stack protector's guard is random: set from random_get by a
 * constructor that runs before the program's own constructors, with its
 * low byte zero (a string copy cannot reproduce it), and never left at the
 * fixed value the shim starts with. wasm only: glibc keeps its guard in
 * thread-local storage, not in __stack_chk_guard.
 * wasishim-test: cflags -fstack-protector-all
 */
#include <stdint.h>
#include <stdio.h>

extern uintptr_t __stack_chk_guard;

static uintptr_t seen_by_constructor;

/* The first priority a program may use. */
__attribute__((constructor(101))) static void early(void) { seen_by_constructor = __stack_chk_guard; }

int main(void) {
  uintptr_t guard = __stack_chk_guard;
  printf("low byte zero: %s\n", (guard & 0xff) == 0 ? "yes" : "no");
  printf("upper bytes set: %s\n", (guard >> 8) != 0 ? "yes" : "no");
  printf("not the fixed start value: %s\n", guard != 0xff0a0d00u ? "yes" : "no");
  printf("same in the first constructor: %s\n", seen_by_constructor == guard ? "yes" : "no");
  return 0;
}
