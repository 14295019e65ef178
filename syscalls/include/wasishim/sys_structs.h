// The records of the preview1 ABI, laid out as the ABI lays them out (part of
// wasishim/syscalls.h; freestanding like it).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "wasishim/sys_types.h"

namespace wasishim::sys {

// Structures, laid out as the ABI lays them out.
struct iovec {
  void* buf;
  size_t buf_len;
};

struct ciovec {
  const void* buf;
  size_t buf_len;
};

// fd_readdir fills its buffer with these, each followed by d_namlen name bytes.
struct dirent {
  dircookie_t d_next;
  inode_t d_ino;
  dirnamlen_t d_namlen;
  filetype d_type;
};
static_assert(sizeof(dirent) == 24 && alignof(dirent) == 8);
static_assert(offsetof(dirent, d_next) == 0);
static_assert(offsetof(dirent, d_ino) == 8);
static_assert(offsetof(dirent, d_namlen) == 16);
static_assert(offsetof(dirent, d_type) == 20);

struct fdstat {
  filetype fs_filetype;
  fdflags fs_flags;
  rights_t fs_rights_base;
  rights_t fs_rights_inheriting;
};
static_assert(sizeof(fdstat) == 24 && alignof(fdstat) == 8);
static_assert(offsetof(fdstat, fs_filetype) == 0);
static_assert(offsetof(fdstat, fs_flags) == 2);
static_assert(offsetof(fdstat, fs_rights_base) == 8);
static_assert(offsetof(fdstat, fs_rights_inheriting) == 16);

struct filestat {
  device_t dev;
  inode_t ino;
  sys::filetype filetype;  // qualified: the member reuses the type's name
  linkcount_t nlink;
  filesize_t size;
  timestamp_t atim;
  timestamp_t mtim;
  timestamp_t ctim;
};
static_assert(sizeof(filestat) == 64 && alignof(filestat) == 8);
static_assert(offsetof(filestat, dev) == 0);
static_assert(offsetof(filestat, ino) == 8);
static_assert(offsetof(filestat, filetype) == 16);
static_assert(offsetof(filestat, nlink) == 24);
static_assert(offsetof(filestat, size) == 32);
static_assert(offsetof(filestat, atim) == 40);
static_assert(offsetof(filestat, mtim) == 48);
static_assert(offsetof(filestat, ctim) == 56);

struct subscription_clock {
  clockid id;
  timestamp_t timeout;
  timestamp_t precision;
  subclockflags flags;
};
static_assert(sizeof(subscription_clock) == 32 && alignof(subscription_clock) == 8);
static_assert(offsetof(subscription_clock, id) == 0);
static_assert(offsetof(subscription_clock, timeout) == 8);
static_assert(offsetof(subscription_clock, precision) == 16);
static_assert(offsetof(subscription_clock, flags) == 24);

struct subscription_fd_readwrite {
  fd_t file_descriptor;
};
static_assert(sizeof(subscription_fd_readwrite) == 4 && alignof(subscription_fd_readwrite) == 4);

union subscription_u {
  subscription_clock clock;
  subscription_fd_readwrite fd_read;
  subscription_fd_readwrite fd_write;
};
static_assert(sizeof(subscription_u) == 32 && alignof(subscription_u) == 8);

// The spec's tagged union (tag, then payload) is flattened into `type` and
// `u`; the bytes are the same.
struct subscription {
  userdata_t userdata;
  eventtype type;
  subscription_u u;
};
static_assert(sizeof(subscription) == 48 && alignof(subscription) == 8);
static_assert(offsetof(subscription, userdata) == 0);
static_assert(offsetof(subscription, type) == 8);
static_assert(offsetof(subscription, u) == 16);

struct event_fd_readwrite {
  filesize_t nbytes;
  eventrwflags flags;
};
static_assert(sizeof(event_fd_readwrite) == 16 && alignof(event_fd_readwrite) == 8);
static_assert(offsetof(event_fd_readwrite, nbytes) == 0);
static_assert(offsetof(event_fd_readwrite, flags) == 8);

struct event {
  userdata_t userdata;
  errc error;
  eventtype type;
  event_fd_readwrite fd_readwrite;
};
static_assert(sizeof(event) == 32 && alignof(event) == 8);
static_assert(offsetof(event, userdata) == 0);
static_assert(offsetof(event, error) == 8);
static_assert(offsetof(event, type) == 10);
static_assert(offsetof(event, fd_readwrite) == 16);

struct prestat_dir {
  size_t pr_name_len;
};

// Tagged union, flattened like subscription.
struct prestat {
  preopentype type;
  union {
    prestat_dir dir;
  } u;
};

// These three hold pointers or sizes, so only wasm32 has the ABI's layout.
// The rest of the header is target-neutral, so that pure logic speaking errc
// and result<> can be unit-tested natively.
#if defined(__wasm32__)
static_assert(sizeof(iovec) == 8 && alignof(iovec) == 4);
static_assert(offsetof(iovec, buf) == 0);
static_assert(offsetof(iovec, buf_len) == 4);
static_assert(sizeof(ciovec) == 8 && alignof(ciovec) == 4);
static_assert(offsetof(ciovec, buf) == 0);
static_assert(offsetof(ciovec, buf_len) == 4);
static_assert(sizeof(prestat) == 8 && alignof(prestat) == 4);
static_assert(offsetof(prestat, type) == 0);
static_assert(offsetof(prestat, u) == 4);
#endif

// Values returned by calls that produce two numbers.
struct string_list_sizes {
  size_t count;     // number of strings
  size_t buf_size;  // bytes of all strings, NUL terminators included
};

struct received {
  size_t size;
  roflags flags;
};

}  // namespace wasishim::sys
