/* Force-included (-include) into the wasm build of liblmdb, whose sources are
 * compiled unchanged.
 *
 * mdb.c includes <signal.h>, which wasi-libc only allows with
 * _WASI_EMULATED_SIGNAL, and then, where SIGPIPE is defined, blocks SIGPIPE
 * with sigemptyset/sigaddset/pthread_sigmask/sigwait in the writer thread of
 * the compacting copy (mdb_env_copy2 with MDB_CP_COMPACT). wasi-libc declares
 * none of those, and preview1 has no signals to block, so SIGPIPE is hidden:
 * the header's include guard keeps it undefined when mdb.c includes it. */
#ifndef WASISHIM_PROGRAMS_LMDB_WASI_PORT_H
#define WASISHIM_PROGRAMS_LMDB_WASI_PORT_H
#ifndef _WASI_EMULATED_SIGNAL
#define _WASI_EMULATED_SIGNAL
#endif
#include <signal.h>
#undef SIGPIPE
#endif
