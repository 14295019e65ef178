#include "wasi/policy.h"

#include <array>

#include "wasi/dispatch.h"
#include "wasishim/error.h"

namespace wasishim {

namespace {

using SV = std::string_view;

constexpr SV kArgsEnv[] = {"args_get", "args_sizes_get", "environ_get", "environ_sizes_get"};
constexpr SV kClocks[] = {"clock_res_get", "clock_time_get"};
constexpr SV kRandom[] = {"random_get"};
constexpr SV kFd[] = {"fd_close", "fd_fdstat_get", "fd_fdstat_set_flags", "fd_fdstat_set_rights",
                      "fd_renumber", "fd_seek", "fd_tell", "fd_advise", "fd_prestat_get",
                      "fd_prestat_dir_name"};
constexpr SV kFdRead[] = {"fd_read", "fd_pread"};
constexpr SV kFdWrite[] = {"fd_write", "fd_pwrite"};
constexpr SV kFsOpen[] = {"path_open"};
constexpr SV kFsRead[] = {"path_filestat_get", "path_readlink", "fd_readdir",
                          "fd_filestat_get"};
constexpr SV kFsWrite[] = {"fd_allocate", "fd_datasync", "fd_sync", "fd_filestat_set_size",
                           "fd_filestat_set_times", "path_filestat_set_times"};
constexpr SV kFsCreate[] = {"path_create_directory"};
constexpr SV kFsDelete[] = {"path_unlink_file", "path_remove_directory"};
constexpr SV kFsRenameLink[] = {"path_rename", "path_link"};
constexpr SV kFsSymlink[] = {"path_symlink"};
constexpr SV kPoll[] = {"poll_oneoff"};
constexpr SV kProcess[] = {"proc_exit", "proc_raise", "sched_yield"};
constexpr SV kSockets[] = {"sock_accept", "sock_recv", "sock_send", "sock_shutdown"};

constexpr std::array kGroups = {
    CapabilityGroup{"args-env", "read its arguments and environment", kArgsEnv},
    CapabilityGroup{"clocks", "read clocks", kClocks},
    CapabilityGroup{"random", "read random bytes", kRandom},
    CapabilityGroup{"fd", "manage descriptors it holds (close, renumber, seek, flags, preopen names)", kFd},
    CapabilityGroup{"fd-read", "read from descriptors (stdin, files)", kFdRead},
    CapabilityGroup{"fd-write", "write to descriptors (stdout, stderr, files)", kFdWrite},
    CapabilityGroup{"fs-open",
                    "open files and directories in preopens: read, write, create or truncate them as "
                    "the preopen's rights allow (--dir-ro withholds writing)",
                    kFsOpen},
    CapabilityGroup{"fs-read", "list directories, stat files, read symlinks", kFsRead},
    CapabilityGroup{"fs-write", "change file size, times, allocation; sync", kFsWrite},
    CapabilityGroup{"fs-create", "create directories", kFsCreate},
    CapabilityGroup{"fs-delete", "delete files and directories", kFsDelete},
    CapabilityGroup{"fs-rename-link", "rename files and make hard links", kFsRenameLink},
    CapabilityGroup{"fs-symlink", "create symbolic links", kFsSymlink},
    CapabilityGroup{"poll", "wait for clocks and descriptors", kPoll},
    CapabilityGroup{"process", "exit, raise a signal, yield", kProcess},
    CapabilityGroup{"sockets", "use sockets it was given", kSockets},
};

}  // namespace

std::span<const CapabilityGroup> capability_groups() { return kGroups; }

std::string_view group_of(std::string_view function) {
  for (const auto& g : kGroups) {
    for (SV f : g.functions) {
      if (f == function) return g.name;
    }
  }
  return {};
}

uint64_t denied_mask(const Policy& policy) {
  auto imports = wasi_imports();
  uint64_t mask = 0;
  for (const std::string& entry : policy.deny) {
    bool known = false;
    for (size_t i = 0; i < imports.size(); ++i) {
      if (imports[i].name == entry || group_of(imports[i].name) == entry) {
        mask |= uint64_t{1} << i;
        known = true;
      }
    }
    if (!known) {
      throw HostError(HostErrorKind::usage,
                      "unknown capability group or WASI function '" + entry + "' in --deny");
    }
  }
  return mask;
}

bool is_denied(const Policy& policy, std::string_view function) {
  for (const std::string& entry : policy.deny) {
    if (entry == function || entry == group_of(function)) return true;
  }
  return false;
}

}  // namespace wasishim
