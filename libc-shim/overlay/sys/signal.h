/* wasishim: <sys/signal.h> is <signal.h> (wasi-libc's warns). */
#include <signal.h>
