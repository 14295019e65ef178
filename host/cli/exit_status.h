// Process exit statuses of `wasishim run`. The guest owns 0-124; the host
// keeps 125 and above for itself so the two cannot be confused (docs/host.md).
#pragma once

namespace wasishim::cli {

inline constexpr int kGuestStatusMax = 124;   // guest statuses pass through up to here
inline constexpr int kGuestStatusHigh = 125;  // the guest exited with a status > 124
inline constexpr int kHostError = 126;        // usage error, or the host could not run the module
inline constexpr int kModuleNotFound = 127;   // the module file does not exist
inline constexpr int kSignalBase = 128;       // the guest raised fatal signal N (proc_raise): 128 + N
inline constexpr int kTrap = 134;             // the guest trapped (128 + SIGABRT, as wasmtime)

}  // namespace wasishim::cli
