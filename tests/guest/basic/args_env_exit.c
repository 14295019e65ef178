/* Arguments, environment and exit status pass through the host unchanged.
 * wasishim-test: args alpha "two words" 3
 * wasishim-test: env WASISHIM_GREETING=hello
 * wasishim-test: exit 7 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv) {
  printf("argc %d\n", argc);
  for (int i = 2; i < argc; ++i) printf("argv[%d] %s\n", i, argv[i]);
  const char* g = getenv("WASISHIM_GREETING");
  printf("greeting %s\n", g ? g : "(unset)");
  printf("missing %s\n", getenv("WASISHIM_NOT_SET") ? "set" : "(unset)");
  fflush(stdout);
  exit(7);
}
