#include "hooks.h"

#include "coherence.h"
#include "file_io.h"
#include "registry.h"

namespace wasishim::mman {

bool files_mapped() {
  for (size_t i = 0; i < files.size(); ++i) {
    if (files[i].in_use) return true;
  }
  return false;
}

status before_read(int fd, int64_t offset, size_t len) {
  uint32_t file = file_of_fd(fd);
  if (file == kNoFile || len == 0 || offset < 0) return {};
  uint64_t first = uint64_t(offset) / kPage;
  uint64_t last = (uint64_t(offset) + len + kPage - 1) / kPage;
  return write_back(file, first, last);
}

void after_write(int fd, int64_t offset, const void* data, size_t len) {
  uint32_t file = file_of_fd(fd);
  if (file == kNoFile || len == 0 || offset < 0) return;
  File& f = files[file];
  uint64_t start = uint64_t(offset), stop = start + len;
  // A write past the end leaves a hole, which reads zero in the mappings as
  // in the file (Linux zeroes the page cache from the old end on).
  if (start > f.size) overwrite_shown_bytes(file, f.size, start, nullptr);
  if (stop > f.size) f.size = stop;
  overwrite_shown_bytes(file, start, stop, static_cast<const uint8_t*>(data));
}

status before_truncate(int fd, int64_t new_size) {
  (void)new_size;
  uint32_t file = file_of_fd(fd);
  if (file == kNoFile) return {};
  return write_back(file, 0, UINT64_MAX);
}

namespace {

// Stores past the new end of file never reach it: they leave the dirty spans.
void forget_stores_past(File& f, uint64_t size) {
  for (size_t k = page_lower_bound(f.pages, size / kPage); k < f.pages.size(); ++k) {
    FilePage& fp = f.pages[k];
    uint64_t base = fp.index * kPage;
    if (base >= size) {
      fp.dirty = Span{};
    } else if (base + fp.dirty.hi > size) {
      fp.dirty.hi = uint32_t(size - base);
      if (fp.dirty.empty()) fp.dirty = Span{};
    }
  }
}

}  // namespace

void after_resize(int fd, int64_t new_size) {
  uint32_t file = file_of_fd(fd);
  if (file == kNoFile || new_size < 0) return;
  File& f = files[file];
  uint64_t old_size = f.size, now = uint64_t(new_size);
  f.size = now;
  if (old_size == now) return;
  // Bytes between the old and the new end read zero, as the file has them:
  // cut off when it shrank, a hole when it grew.
  uint64_t lo = old_size < now ? old_size : now, hi = old_size < now ? now : old_size;
  if (old_size > now) {
    hi = (hi + kPage - 1) / kPage * kPage;
    forget_stores_past(f, now);
  }
  overwrite_shown_bytes(file, lo, hi, nullptr);
}

status before_sync(int fd) {
  uint32_t file = file_of_fd(fd);
  if (file == kNoFile) return {};
  return write_back(file, 0, UINT64_MAX);
}

bool adopt_on_close(int fd) {
  if (fd < 0) return false;
  for (size_t i = 0; i < files.size(); ++i) {
    File& f = files[i];
    if (f.in_use && !f.owned_fd && f.fd == uint32_t(fd)) {
      f.owned_fd = true;
      return true;
    }
  }
  return false;
}

}  // namespace wasishim::mman
