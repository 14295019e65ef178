/* Built with an explicit -lc, as some Makefiles link (bzip2's shared
 * library, for one): abort() must still be the shim's, which raises SIGABRT
 * and so runs the program's handler. */
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

static void on_abort(int sig) {
  (void)sig;
  static const char msg[] = "handler ran\n";
  write(1, msg, sizeof msg - 1);
  _exit(7);
}

int main(void) {
  signal(SIGABRT, on_abort);
  abort();
}
