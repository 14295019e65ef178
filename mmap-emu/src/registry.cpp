#include "registry.h"

#include "file_io.h"

namespace wasishim::mman {

Vec<File> files;
MappingTable table;
size_t shared_pages_with_several_copies = 0;

size_t page_lower_bound(const Vec<FilePage>& pages, uint64_t index) {
  size_t lo = 0, hi = pages.size();
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (pages[mid].index < index) lo = mid + 1; else hi = mid;
  }
  return lo;
}

uint32_t find_file(uint64_t dev, uint64_t ino) {
  for (size_t i = 0; i < files.size(); ++i) {
    if (files[i].in_use && files[i].dev == dev && files[i].ino == ino) return uint32_t(i);
  }
  return kNoFile;
}

namespace {
bool any_files() {
  for (size_t i = 0; i < files.size(); ++i) {
    if (files[i].in_use) return true;
  }
  return false;
}
}  // namespace

uint32_t file_of_fd(int fd) {
  if (fd < 0 || !any_files()) return kNoFile;
  for (size_t i = 0; i < files.size(); ++i) {
    // The program's own descriptor: while we have not adopted it, the shim
    // routes every close through us, so the number still names the file.
    if (files[i].in_use && !files[i].owned_fd && files[i].fd == uint32_t(fd)) return uint32_t(i);
  }
  auto st = io::filestat(uint32_t(fd));
  if (!st) return kNoFile;
  return find_file(st->dev, st->ino);
}

result<uint32_t> add_file(uint64_t dev, uint64_t ino, uint64_t size, uint32_t fd, bool writable) {
  size_t slot = files.size();
  for (size_t i = 0; i < files.size(); ++i) {
    if (!files[i].in_use) { slot = i; break; }
  }
  if (slot == files.size() && !files.push_back(File{})) return failure(errc::nomem);
  File& f = files[slot];
  f.dev = dev;
  f.ino = ino;
  f.size = size;
  f.fd = fd;
  f.owned_fd = false;
  f.fd_writable = writable;
  f.in_use = true;
  f.private_pages = 0;
  f.pages.clear();
  return uint32_t(slot);
}

void drop_file_if_unused(uint32_t file) {
  File& f = files[file];
  if (!f.in_use || !f.pages.empty() || f.private_pages != 0) return;
  if (f.owned_fd) (void)io::close(f.fd);
  f.pages.release();
  f.in_use = false;
}

status verify_fd(File& f) {
  if (f.fd == kNoFd) return failure(errc::badf);
  auto st = io::filestat(f.fd);
  if (!st) return failure(st.error());
  if (st->dev != f.dev || st->ino != f.ino) return failure(errc::badf);
  f.size = st->size;
  return {};
}

}  // namespace wasishim::mman
