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

struct fdstat {
  filetype fs_filetype;
  fdflags fs_flags;
  rights_t fs_rights_base;
  rights_t fs_rights_inheriting;
};

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

struct subscription_clock {
  clockid id;
  timestamp_t timeout;
  timestamp_t precision;
  subclockflags flags;
};

struct subscription_fd_readwrite {
  fd_t file_descriptor;
};

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

struct event {
  userdata_t userdata;
  errc error;
  eventtype type;
  event_fd_readwrite fd_readwrite;
};

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

// Each record's size, alignment and field offsets are the specification's
// (wasishim/wasi_abi.h, generated from <wasi/api.h>'s witx-calculated ones).
// subscription and prestat flatten the spec's tagged unions, so their own
// offsets are checked apart, below.
#define WASISHIM_CHECK_OFFSET(record, field, offset) static_assert(offsetof(record, field) == (offset));
#define WASISHIM_CHECK_LAYOUT(record)                                    \
  static_assert(sizeof(record) == WASISHIM_WASI_SIZEOF_##record);        \
  static_assert(alignof(record) == WASISHIM_WASI_ALIGNOF_##record);      \
  WASISHIM_WASI_FIELDS_##record(WASISHIM_CHECK_OFFSET)
WASISHIM_CHECK_LAYOUT(dirent)
WASISHIM_CHECK_LAYOUT(fdstat)
WASISHIM_CHECK_LAYOUT(filestat)
WASISHIM_CHECK_LAYOUT(subscription_clock)
WASISHIM_CHECK_LAYOUT(subscription_fd_readwrite)
WASISHIM_CHECK_LAYOUT(event_fd_readwrite)
WASISHIM_CHECK_LAYOUT(event)
static_assert(sizeof(subscription) == WASISHIM_WASI_SIZEOF_subscription);

// These three hold pointers or sizes, so only wasm32 has the ABI's layout.
// The rest of the header is target-neutral, so that pure logic speaking errc
// and result<> can be unit-tested natively.
#if defined(__wasm32__)
WASISHIM_CHECK_LAYOUT(iovec)
WASISHIM_CHECK_LAYOUT(ciovec)
WASISHIM_CHECK_LAYOUT(prestat_dir)
static_assert(sizeof(prestat) == WASISHIM_WASI_SIZEOF_prestat);
static_assert(offsetof(prestat, type) == 0);
static_assert(offsetof(prestat, u) == 4);
#endif
#undef WASISHIM_CHECK_LAYOUT
#undef WASISHIM_CHECK_OFFSET

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
