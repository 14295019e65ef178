// The preopened directories as a mount table: each preopen's name is
// normalised to an absolute mount point ("." and "data" become "/" and
// "/data", relative to the initial working directory "/"), and a path is
// resolved by the longest mount point it lies beneath. Pure logic, no WASI.
#pragma once

#include <stddef.h>

#include "wasishim/syscalls.h"

namespace wasishim::shim {

struct preopen_match {
  int fd;
  const char* relative;  // the rest of the path below the mount point; "." for the mount itself
  const char* mount;     // the mount point the path matched
};

class preopen_table {
 public:
  // Trivially destructible on purpose: the shim's table lives for the whole
  // instance, and a destructor would run from an exit handler while other
  // handlers may still resolve paths.
  constexpr preopen_table() = default;
  preopen_table(const preopen_table&) = delete;
  preopen_table& operator=(const preopen_table&) = delete;
  // Frees every entry (tests; the shim never calls it).
  void clear();

  // Adds fd mounted at `name` (as the host reported it). Fails with nomem, or
  // nametoolong when the name does not normalise.
  sys::result<void> add(int fd, const char* name, size_t name_len);
  // Forgets fd (closed or renumbered by the program).
  void remove(int fd);

  // The mount holding `abs_path` (normalised, absolute). The longest mount
  // point wins; among preopens mounted at the same point the one added last
  // wins, as a later mount hides an earlier one. noent when no mount holds it.
  sys::result<preopen_match> match(const char* abs_path) const;

  // True when abs_path is a proper ancestor of some mount point ("/" when only
  // "/sandbox" is preopened): such directories exist only as the way to the
  // mounts.
  bool is_virtual_ancestor(const char* abs_path) const;

  // The rights a preopen passes on to what is opened beneath it, once the
  // shim has asked the host (fd_fdstat_get); null when not known yet or `fd`
  // is no preopen. The host never widens them, so one answer serves every
  // open (open.cpp asks again if the host says notcapable).
  const sys::rights_t* inheriting(int fd) const;
  void set_inheriting(int fd, sys::rights_t rights);
  void forget_inheriting(int fd);

  size_t size() const { return count_; }
  int fd_at(size_t i) const { return entries_[i].fd; }
  const char* mount_at(size_t i) const { return entries_[i].mount; }

 private:
  struct entry {
    int fd;
    char* mount;
    size_t mount_len;
    sys::rights_t inheriting;
    bool inheriting_known;
  };
  entry* find(int fd) const;
  entry* entries_ = nullptr;
  size_t count_ = 0;
  size_t capacity_ = 0;
};

}  // namespace wasishim::shim
