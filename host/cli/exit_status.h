// Process exit statuses of `wasishim run`. The guest owns 0-124; the host
// keeps 125 and above for itself so the two cannot be confused (docs/host.md).
#pragma once

#include "wasishim/error.h"
#include "wasishim/host.h"

namespace wasishim::cli {

inline constexpr int kGuestStatusMax = 124;   // guest statuses pass through up to here
inline constexpr int kGuestStatusHigh = 125;  // the guest exited with a status > 124
inline constexpr int kHostError = 126;        // usage error, or the host could not run the module
inline constexpr int kModuleNotFound = 127;   // the module file does not exist
inline constexpr int kSignalBase = 128;       // the guest raised fatal signal N (proc_raise): 128 + N
inline constexpr int kTrap = 134;             // the guest trapped (128 + SIGABRT, as wasmtime)

// The process status for a guest that did not return normally, after saying
// why on stderr; -1 if it returned.
int status_of(const Outcome& out);

// The process status for an error of the host's.
int status_for(const HostError&);

}  // namespace wasishim::cli
