#include "fake_wasi.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "file_io.h"
#include "heap.h"
#include "region.h"

namespace wasishim::mman {

namespace fake {

State& state() {
  static State s;
  return s;
}

void reset() { state() = State{}; }

int new_file(std::vector<uint8_t> bytes) {
  auto& s = state();
  s.files.push_back(FakeFile{uint64_t(1000 + s.files.size()), std::move(bytes)});
  return int(s.files.size() - 1);
}

int open(int file, bool read, bool write, bool append) {
  auto& s = state();
  int fd = s.next_fd++;
  s.fds[fd] = Descriptor{file, read, write, append};
  return fd;
}

void close(int fd) { state().fds.erase(fd); }

std::vector<uint8_t>& bytes_of(int file) { return state().files.at(size_t(file)).bytes; }

void heap_fail(long after) {
  state().heap_allow_before_fail = after;
  state().heap_failures = 1;
}

void heap_ok() { state().heap_failures = -1; }

namespace {
Descriptor* lookup(uint32_t fd) {
  auto it = state().fds.find(int(fd));
  return it == state().fds.end() ? nullptr : &it->second;
}
}  // namespace

}  // namespace fake

bool heap_should_fail() {
  auto& s = fake::state();
  if (s.heap_failures < 0) return false;
  if (s.heap_allow_before_fail > 0) {
    --s.heap_allow_before_fail;
    return false;
  }
  return true;
}

namespace io {

using fake::lookup;

result<size_t> pread(uint32_t fd, void* buf, size_t len, uint64_t offset) {
  auto* d = lookup(fd);
  if (!d) return failure(errc::badf);
  if (!d->read) return failure(errc::notcapable);
  auto& b = fake::bytes_of(d->file);
  if (offset >= b.size()) return size_t{0};
  size_t n = std::min<uint64_t>(len, b.size() - offset);
  std::memcpy(buf, b.data() + offset, n);
  return n;
}

result<size_t> pwrite(uint32_t fd, const void* buf, size_t len, uint64_t offset) {
  auto& s = fake::state();
  auto* d = lookup(fd);
  if (!d) return failure(errc::badf);
  if (!d->write) return failure(errc::notcapable);
  int call = ++s.pwrites;
  if (auto it = s.fail_pwrite.find(call); it != s.fail_pwrite.end()) return failure(it->second);
  auto& b = fake::bytes_of(d->file);
  // Linux: pwrite on an O_APPEND descriptor appends, whatever the offset.
  if (d->append) offset = b.size();
  if (b.size() < offset + len) b.resize(offset + len);
  std::memcpy(b.data() + offset, buf, len);
  return len;
}

result<sys::filestat> filestat(uint32_t fd) {
  auto* d = lookup(fd);
  if (!d) return failure(errc::badf);
  sys::filestat st{};
  st.dev = 7;
  st.ino = fake::state().files.at(size_t(d->file)).ino;
  st.filetype = sys::filetype::regular_file;
  st.size = fake::bytes_of(d->file).size();
  return st;
}

result<sys::fdstat> fdstat(uint32_t fd) {
  auto* d = lookup(fd);
  if (!d) return failure(errc::badf);
  sys::fdstat st{};
  st.fs_filetype = sys::filetype::regular_file;
  st.fs_flags = d->append ? sys::fdflags::append : sys::fdflags{};
  st.fs_rights_base = (d->read ? sys::rights::fd_read : 0) | (d->write ? sys::rights::fd_write : 0);
  return st;
}

status set_fdflags(uint32_t fd, sys::fdflags flags) {
  auto* d = lookup(fd);
  if (!d) return failure(errc::badf);
  ++fake::state().set_flags_calls;
  d->append = sys::has(flags, sys::fdflags::append);
  return {};
}

status datasync(uint32_t fd) {
  if (!lookup(fd)) return failure(errc::badf);
  return {};
}

status close(uint32_t fd) {
  if (!lookup(fd)) return failure(errc::badf);
  fake::close(int(fd));
  return {};
}

void report(const char* text) {
  auto& r = fake::state().reported;
  r.insert(r.end(), text, text + std::strlen(text));
  r.push_back('\n');
}

}  // namespace io

// The region: an arena of real memory, handed out in 64 KiB steps as
// memory.grow would, up to a limit tests may lower.
namespace {

constexpr size_t kArenaBytes = size_t{64} << 20;
constexpr size_t kStep = 65536;

uint8_t* arena() {
  static uint8_t* base = static_cast<uint8_t*>(std::aligned_alloc(kStep, kArenaBytes));
  return base;
}

size_t arena_used = 0;

uintptr_t grow_arena(void*, size_t bytes, size_t* got) {
  size_t n = (bytes + kStep - 1) / kStep * kStep;
  if (arena_used + n > kArenaBytes) return 0;
  uint8_t* fresh = arena() + arena_used;
  std::memset(fresh, 0, n);  // memory.grow's pages are zero
  arena_used += n;
  *got = n;
  return reinterpret_cast<uintptr_t>(fresh);
}

PageAllocator allocator(kPage, grow_arena, nullptr);

}  // namespace

PageAllocator& region() { return allocator; }

void clear_pages(void*, uintptr_t addr, size_t bytes) { std::memset(at(addr), 0, bytes); }

}  // namespace wasishim::mman
