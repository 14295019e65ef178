/* After a trap the host calls mmap-emu's flush export to write back the
 * stores a shared mapping still holds (docs/mmap.md, "Crash consistency").
 * That call must run nothing of the program but the flush: wasm-ld wraps
 * every export of a command module linked with Debian's wasi-libc entry in
 * `call __wasm_call_ctors; call F; call __wasm_call_dtors`, which would run
 * this constructor a second time, then the atexit handler, and flush the
 * stdio buffer of a program that already stopped. wasishim's own command
 * entry makes wasm-ld leave exports unwrapped. Expected output by hand: the
 * constructor once, no atexit output, the unflushed text lost, status 134.
 * (Native runs die of SIGILL, status 132, so Linux is no oracle here; the
 * bytes the trap leaves in the file are checked against Linux by
 * mmap.crash_table.)
 * wasishim-test: exit 134
 * wasishim-test: no-node Node's WASI runs no flush after a trap and reports it with its own status */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "guest_test.h"

static int constructor_runs;

__attribute__((constructor)) static void constructor(void) {
  ++constructor_runs;
  printf("constructor run %d\n", constructor_runs);
  fflush(stdout);
}

static void at_exit(void) {
  printf("atexit handler ran\n");
  fflush(stdout);
}

int main(int argc, char** argv) {
  REQUIRE(argc > 1);
  char path[512];
  snprintf(path, sizeof path, "%s/trapped.bin", argv[1]);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0 && ftruncate(fd, 4096) == 0);
  char* m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  REQUIRE(m != MAP_FAILED);
  strcpy(m + 10, "stored before the trap");
  atexit(at_exit);
  printf("before the trap\n");
  fflush(stdout);
  printf("buffered, never flushed\n");
  __builtin_trap();
}
