// What an embedder grants one guest instance.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace wasishim {

struct Preopen {
  std::string host_path;   // directory on the host
  std::string guest_path;  // the name the guest sees (fd_prestat_dir_name)
  bool read_only = false;  // write, create, delete and rename rights withheld
};

// Which capabilities a guest is refused. Names are capability groups (see
// `wasishim caps`, docs/host.md) or single wasi_snapshot_preview1 function
// names.
struct Policy {
  std::vector<std::string> deny;
  // false: a module importing a denied function is refused at instantiation,
  // naming the import. true: it is instantiated and each denied import
  // returns notcapable when called.
  bool stub_denied = false;
};

struct WasiOptions {
  std::vector<std::string> args;  // argv, including argv[0]
  std::vector<std::string> env;   // "KEY=VALUE" entries
  std::vector<Preopen> preopens;  // guest fds 3, 4, ... in this order
  // Host descriptors the guest's 0, 1 and 2 refer to; duplicated, so the guest
  // closing its stdout never closes the embedder's.
  int stdin_fd = 0;
  int stdout_fd = 1;
  int stderr_fd = 2;
  Policy policy;
  // When set, every WASI call is logged here, one line each, like strace:
  // decoded arguments, the result and its errno name. Not owned.
  std::FILE* trace = nullptr;
  // Crash testing: when nonzero, the host process kills itself with SIGKILL
  // instead of making WASI call number kill_after_calls + 1, as a power cut
  // or `kill -9` would stop the program between two system calls.
  uint64_t kill_after_calls = 0;
  // Fault injection: write number N (fd_write or fd_pwrite on a descriptor
  // above 2, counted from 1) fails with errno E instead of writing, for each
  // {N, E} here, so tests can show a write error is reported and nothing lost.
  std::vector<std::pair<uint64_t, uint16_t>> fail_writes;
};

}  // namespace wasishim
