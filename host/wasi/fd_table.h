// The guest's descriptor table. Guest fd numbers index this table only; they
// are never host descriptor numbers.
#pragma once

#include <dirent.h>

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "wasi/types.h"
#include "sandbox/unique_fd.h"

namespace wasishim {

// A file's identity on the host.
struct FileId {
  uint64_t dev = 0;
  uint64_t ino = 0;
  bool operator==(const FileId&) const = default;
};

struct FdEntry {
  UniqueFd host;
  wasi::Filetype type = wasi::Filetype::unknown;
  wasi::Rights rights_base = 0;
  wasi::Rights rights_inheriting = 0;
  uint16_t fdflags = 0;
  // Set for preopened directories: the name the guest sees.
  std::string preopen_name;
  bool is_preopen = false;
  // The directory this descriptor was reached from: the preopen (or the
  // directory handed in as stdio) at the top of its tree. Nothing above it
  // is the guest's: fd_readdir hides its parent, path_symlink judges targets
  // against it.
  FileId root;
  // A pipe, FIFO or socket: writing to it can raise SIGPIPE.
  bool raises_sigpipe = false;
  // An open directory stream for fd_readdir, created on first use.
  struct DirCloser {
    void operator()(DIR* d) const { if (d) closedir(d); }
  };
  std::unique_ptr<DIR, DirCloser> dir_stream;
};

// Result of a lookup: the entry or the errno to return.
struct FdLookup {
  FdEntry* entry = nullptr;
  wasi::Errno error = wasi::Errno::success;
  explicit operator bool() const { return entry != nullptr; }
  FdEntry* operator->() const { return entry; }
};

class FdTable {
 public:
  // Places the entry in the lowest free slot and returns its number.
  wasi::Fd insert(std::unique_ptr<FdEntry> entry);
  // Places the entry at a given number (used for stdio and preopens).
  void insert_at(wasi::Fd fd, std::unique_ptr<FdEntry> entry);

  // badf when fd is not open; notcapable when it lacks any of `needed`.
  FdLookup get(wasi::Fd fd, wasi::Rights needed = 0);

  wasi::Errno close(wasi::Fd fd);
  wasi::Errno renumber(wasi::Fd from, wasi::Fd to);

  size_t open_count() const;
  size_t capacity() const { return slots_.size(); }

  // Upper bound on the table size, so a guest cannot exhaust host memory by
  // opening descriptors; the host's own RLIMIT_NOFILE applies as well.
  static constexpr size_t kMaxFds = 1u << 16;

 private:
  void trim();  // drops closed slots at the end

  std::vector<std::unique_ptr<FdEntry>> slots_;
};

}  // namespace wasishim
