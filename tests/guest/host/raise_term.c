/* wasishim-test: exit 143 */
/* wasishim-test: node-differs Node's WASI delivers SIGTERM to the Node process itself (measured: Node dies by the signal), where wasishim ends only the guest */
/* proc_raise(SIGTERM) ends the guest only: wasishim reports it as 128 + 15
 * and nothing after the call runs. */
#include "wasi_host.h"

int main(void) {
  printf("before\n");
  fflush(stdout);
  (void)wasishim_proc_raise(WASI_SIGTERM);
  printf("after\n");
  return 0;
}
