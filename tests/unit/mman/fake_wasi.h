// An in-memory stand-in for the WASI calls mmap-emu makes (mmap-emu's
// file_io.h) and for the memory it maps (region.h), so the real mapping code
// runs natively. Files are byte vectors; descriptors carry read, write and
// append as a host gives them. pwrite on an append descriptor appends, as
// Linux's does. Writes can be made to fail, and allocations (heap.h) too.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

#include "wasishim/syscalls.h"

namespace wasishim::mman::fake {

struct FakeFile {
  uint64_t ino;
  std::vector<uint8_t> bytes;
};

struct Descriptor {
  int file;
  bool read;
  bool write;
  bool append;
};

struct State {
  std::vector<FakeFile> files;
  std::map<int, Descriptor> fds;
  int next_fd = 3;
  // Counts of calls, and the pwrite number (1-based) to fail with an errno.
  int pwrites = 0;
  std::map<int, sys::errc> fail_pwrite;
  int set_flags_calls = 0;
  std::vector<char> reported;  // what mmap-emu wrote to stderr
  // Allocations (heap.h) fail while this is positive, counting down per
  // failed call; negative: never.
  long heap_failures = -1;
  long heap_allow_before_fail = 0;  // allocations that still succeed first
};

State& state();
// Forgets every file and descriptor; mmap-emu's own tables must be empty.
void reset();
int new_file(std::vector<uint8_t> bytes = {});
int open(int file, bool read, bool write, bool append = false);
void close(int fd);
std::vector<uint8_t>& bytes_of(int file);

// Makes heap allocations fail: the next `after` succeed, then every one
// fails until heap_ok().
void heap_fail(long after = 0);
void heap_ok();

}  // namespace wasishim::mman::fake
