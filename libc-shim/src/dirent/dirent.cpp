// Directory streams over fd_readdir: opendir, fdopendir, readdir, rewinddir,
// telldir/seekdir (positions are WASI directory cookies), closedir, scandir.
// wasi-libc's DIR is private to its own objects, so all of them are replaced
// together.
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shim.h"

using wasishim::sys::dircookie_t;

struct _DIR {
  int fd;
  dircookie_t buffer_cookie;  // the cookie fd_readdir filled `buffer` from
  dircookie_t position;       // telldir: the cookie of the next entry
  char* buffer;
  size_t buffer_size;
  size_t used;  // bytes fd_readdir stored
  size_t next;  // offset of the next unread entry
  bool filled;
  struct dirent* entry;  // what readdir returns, reused
  size_t entry_size;
  // telldir positions: cookies are 64-bit and `long` is 32, so telldir hands
  // out indexes into this list instead of the cookies themselves.
  dircookie_t* marks;
  size_t mark_count;
  size_t mark_capacity;
};

namespace wasishim::shim {

namespace {

constexpr size_t header_size = sizeof(sys::dirent);

result<DIR*> open_stream(int fd) {
  auto wasi = wasi_fd(fd, errc::notdir);
  if (!wasi) return failure(wasi.error());
  auto st = sys::fd_fdstat_get(*wasi);
  if (!st) return failure(st.error());
  if (st->fs_filetype != sys::filetype::directory) return failure(errc::notdir);
  DIR* d = static_cast<DIR*>(calloc(1, sizeof(DIR)));
  if (d == nullptr) return failure(errc::nomem);
  d->fd = fd;
  d->buffer_size = 4096;
  d->buffer = static_cast<char*>(malloc(d->buffer_size));
  if (d->buffer == nullptr) {
    free(d);
    return failure(errc::nomem);
  }
  return d;
}

void free_stream(DIR* d) {
  free(d->marks);
  free(d->buffer);
  free(d->entry);
  free(d);
}

result<void> refill(DIR* d, dircookie_t cookie) {
  auto wasi = wasi_fd(d->fd, errc::notdir);
  if (!wasi) return failure(wasi.error());
  auto used = sys::fd_readdir(*wasi, d->buffer, d->buffer_size, cookie);
  if (!used) return failure(used.error());
  d->buffer_cookie = cookie;
  d->used = *used;
  d->next = 0;
  d->filled = true;
  return {};
}

// The next entry, or null at the end of the directory (errno untouched).
result<struct dirent*> next_entry(DIR* d) {
  for (;;) {
    if (!d->filled) {
      if (auto r = refill(d, d->position); !r) return failure(r.error());
    }
    const size_t left = d->used - d->next;
    sys::dirent header;
    if (left >= header_size) memcpy(&header, d->buffer + d->next, header_size);
    if (left < header_size || left < header_size + header.d_namlen) {
      // A full buffer may have cut the last entry short: read on from it.
      if (d->used < d->buffer_size) return static_cast<struct dirent*>(nullptr);
      if (d->next == 0) {
        // One entry larger than the whole buffer: grow it.
        char* bigger = static_cast<char*>(realloc(d->buffer, d->buffer_size * 2));
        if (bigger == nullptr) return failure(errc::nomem);
        d->buffer = bigger;
        d->buffer_size *= 2;
      }
      d->filled = false;
      continue;
    }
    const char* name = d->buffer + d->next + header_size;
    const size_t need = offsetof(struct dirent, d_name) + header.d_namlen + 1;
    if (need > d->entry_size) {
      auto* e = static_cast<struct dirent*>(realloc(d->entry, need));
      if (e == nullptr) return failure(errc::nomem);
      d->entry = e;
      d->entry_size = need;
    }
    d->entry->d_ino = header.d_ino;
    d->entry->d_type = static_cast<unsigned char>(header.d_type);
    memcpy(d->entry->d_name, name, header.d_namlen);
    d->entry->d_name[header.d_namlen] = '\0';
    d->next += header_size + header.d_namlen;
    d->position = header.d_next;
    return d->entry;
  }
}

result<DIR*> open_dir_at(int dirfd, const char* path) {
  auto fd = open_at(dirfd, path, O_RDONLY | O_DIRECTORY, 0);
  if (!fd) return failure(fd.error());
  auto d = open_stream(static_cast<int>(*fd));
  if (!d) close(static_cast<int>(*fd));
  return d;
}

result<int> scan_dir_at(int dirfd, const char* path, struct dirent*** out,
                        int (*keep)(const struct dirent*),
                        int (*order)(const struct dirent**, const struct dirent**)) {
  auto d = open_dir_at(dirfd, path);
  if (!d) return failure(d.error());
  struct dirent** list = nullptr;
  size_t count = 0, capacity = 0;
  errc error = errc::success;
  for (;;) {
    auto e = next_entry(*d);
    if (!e) {
      error = e.error();
      break;
    }
    if (*e == nullptr) break;
    if (keep && !keep(*e)) continue;
    if (count == capacity) {
      capacity = capacity ? capacity * 2 : 16;
      auto* bigger = static_cast<struct dirent**>(realloc(list, capacity * sizeof *list));
      if (bigger == nullptr) {
        error = errc::nomem;
        break;
      }
      list = bigger;
    }
    const size_t size = offsetof(struct dirent, d_name) + strlen((*e)->d_name) + 1;
    auto* copy = static_cast<struct dirent*>(malloc(size));
    if (copy == nullptr) {
      error = errc::nomem;
      break;
    }
    memcpy(copy, *e, size);
    list[count++] = copy;
  }
  close((*d)->fd);
  free_stream(*d);
  if (error != errc::success) {
    for (size_t i = 0; i < count; ++i) free(list[i]);
    free(list);
    return failure(error);
  }
  if (order && count > 1)
    qsort(list, count, sizeof *list,
          reinterpret_cast<int (*)(const void*, const void*)>(order));
  *out = list;
  return static_cast<int>(count);
}

}  // namespace
}  // namespace wasishim::shim

using namespace wasishim::shim;

extern "C" {

DIR* fdopendir(int fd) {
  auto d = open_stream(fd);
  return d ? *d : null_with<DIR>(d.error());
}

DIR* opendir(const char* path) {
  auto d = open_dir_at(AT_FDCWD, path);
  return d ? *d : null_with<DIR>(d.error());
}

DIR* opendirat(int dirfd, const char* path) {
  auto d = open_dir_at(dirfd, path);
  return d ? *d : null_with<DIR>(d.error());
}

struct dirent* readdir(DIR* d) {
  auto e = next_entry(d);
  return e ? *e : null_with<struct dirent>(e.error());
}

void rewinddir(DIR* d) {
  d->position = wasishim::sys::dircookie_start;
  d->filled = false;
}

long telldir(DIR* d) {
  for (size_t i = 0; i < d->mark_count; ++i)
    if (d->marks[i] == d->position) return static_cast<long>(i);
  if (d->mark_count == d->mark_capacity) {
    const size_t n = d->mark_capacity ? d->mark_capacity * 2 : 8;
    auto* bigger = static_cast<dircookie_t*>(realloc(d->marks, n * sizeof(dircookie_t)));
    if (bigger == nullptr) return null_with<char>(errc::nomem), -1L;
    d->marks = bigger;
    d->mark_capacity = n;
  }
  d->marks[d->mark_count] = d->position;
  return static_cast<long>(d->mark_count++);
}

void seekdir(DIR* d, long position) {
  // A position telldir did not hand out leaves the stream where it is.
  if (position < 0 || static_cast<size_t>(position) >= d->mark_count) return;
  d->position = d->marks[position];
  d->filled = false;
}

int dirfd(DIR* d) { return d->fd; }

int fdclosedir(DIR* d) {
  const int fd = d->fd;
  free_stream(d);
  return fd;
}

int closedir(DIR* d) {
  const int fd = d->fd;
  free_stream(d);
  return close(fd);
}

int scandir(const char* path, struct dirent*** list, int (*keep)(const struct dirent*),
            int (*order)(const struct dirent**, const struct dirent**)) {
  return to_c(scan_dir_at(AT_FDCWD, path, list, keep, order));
}

int scandirat(int dirfd, const char* path, struct dirent*** list,
              int (*keep)(const struct dirent*),
              int (*order)(const struct dirent**, const struct dirent**)) {
  return to_c(scan_dir_at(dirfd, path, list, keep, order));
}

}  // extern "C"
