// POSIX's stdio locks (flockfile, ftrylockfile, funlockfile), which programs
// take around a run of *_unlocked calls (Lua's file reads do). Debian's
// wasi-libc is built without threads and has none of the three. A FILE lock
// is recursive and belongs to a thread; an instance has one thread, which
// therefore always gets the lock at once, however often it already holds
// it, so there is nothing to record.
#include <stdio.h>

extern "C" {

void flockfile(FILE*) {}

int ftrylockfile(FILE*) { return 0; }

void funlockfile(FILE*) {}

}  // extern "C"
