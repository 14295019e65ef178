// What an embedder grants one guest instance.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace wasishim {

struct Preopen {
  std::string host_path;   // directory on the host
  std::string guest_path;  // the name the guest sees (fd_prestat_dir_name)
  bool read_only = false;  // write, create, delete and rename rights withheld
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
};

}  // namespace wasishim
