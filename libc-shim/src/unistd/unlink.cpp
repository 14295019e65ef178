// Directory entries by name: mkdir, rmdir, unlink, remove, rename, link,
// symlink, readlink and their *at forms (plus the wasi-libc entry points the
// same objects define).
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/libc-nocwd.h>
#include <wasi/libc.h>

#include "shim.h"

namespace wasishim::shim {

namespace {

// Directory operations take "dir/" to mean "dir"; some hosts do not.
void drop_trailing_slashes(resolved_path& where) {
  char* p = const_cast<char*>(where.path);
  while (where.len > 1 && p[where.len - 1] == '/') p[--where.len] = '\0';
}

result<void> make_directory(int dirfd, const char* path, mode_t mode) {
  char buf[path_buffer_size];
  auto where = resolve_at(dirfd, path, buf);
  if (!where) return failure(where.error() == errc::noent && is_virtual_directory(buf)
                                 ? errc::exist
                                 : where.error());
  if (where->ends_in_dot) {
    if (auto r = require_existing_directory(*where); !r) return r;
    return failure(errc::exist);
  }
  if (strcmp(where->path, ".") == 0) return failure(errc::exist);  // a mount point
  // Copy before trimming: `path` belongs to the program.
  char rel[path_buffer_size];
  memcpy(rel, where->path, where->len + 1);
  resolved_path w = *where;
  w.path = rel;
  drop_trailing_slashes(w);
  if (auto r = sys::path_create_directory(w.dirfd, w.path, w.len); !r) return r;
  if (auto st = sys::path_filestat_get(w.dirfd, sys::lookupflags{}, w.path, w.len))
    record_created(file_key{st->dev, st->ino}, mode);
  return {};
}

result<void> remove_directory(int dirfd, const char* path) {
  char buf[path_buffer_size];
  auto where = resolve_at(dirfd, path, buf);
  if (!where) return failure(where.error() == errc::noent && is_virtual_directory(buf)
                                 ? errc::busy
                                 : where.error());
  if (where->ends_in_dot) {
    // POSIX: removing "." is EINVAL; ".." is never empty.
    if (auto r = require_existing_directory(*where); !r) return r;
    return failure(where->dotdot ? errc::notempty : errc::inval);
  }
  if (strcmp(where->path, ".") == 0) return failure(errc::busy);  // a mount point
  char rel[path_buffer_size];
  memcpy(rel, where->path, where->len + 1);
  resolved_path w = *where;
  w.path = rel;
  drop_trailing_slashes(w);
  return sys::path_remove_directory(w.dirfd, w.path, w.len);
}

result<void> unlink_file(int dirfd, const char* path) {
  char buf[path_buffer_size];
  auto where = resolve_at(dirfd, path, buf);
  if (!where) return failure(where.error() == errc::noent && is_virtual_directory(buf)
                                 ? errc::isdir
                                 : where.error());
  if (where->ends_in_dot) {
    if (auto r = require_existing_directory(*where); !r) return r;
    return failure(errc::isdir);
  }
  if (strcmp(where->path, ".") == 0) return failure(errc::isdir);
  return sys::path_unlink_file(where->dirfd, where->path, where->len);
}

result<void> unlink_at(int dirfd, const char* path, int flag) {
  if (flag & ~AT_REMOVEDIR) return failure(errc::inval);
  return (flag & AT_REMOVEDIR) ? remove_directory(dirfd, path) : unlink_file(dirfd, path);
}

result<void> rename_at(int olddirfd, const char* oldpath, int newdirfd, const char* newpath) {
  char obuf[path_buffer_size], nbuf[path_buffer_size];
  auto from = resolve_at(olddirfd, oldpath, obuf);
  if (!from) return failure(from.error());
  auto to = resolve_at(newdirfd, newpath, nbuf);
  if (!to) return failure(to.error());
  const resolved_path* ends[] = {&*from, &*to};
  for (const resolved_path* end : ends) {
    if (!end->ends_in_dot) continue;
    if (auto r = require_existing_directory(*end); !r) return r;
    return failure(errc::busy);
  }
  if (strcmp(from->path, ".") == 0 || strcmp(to->path, ".") == 0) return failure(errc::busy);
  return sys::path_rename(from->dirfd, from->path, from->len, to->dirfd, to->path, to->len);
}

result<void> link_at(int olddirfd, const char* oldpath, int newdirfd, const char* newpath,
                     int flag) {
  if (flag & ~AT_SYMLINK_FOLLOW) return failure(errc::inval);
  char obuf[path_buffer_size], nbuf[path_buffer_size];
  auto from = resolve_at(olddirfd, oldpath, obuf);
  if (!from) return failure(from.error());
  auto to = resolve_at(newdirfd, newpath, nbuf);
  if (!to) return failure(to.error());
  if (to->ends_in_dot) {
    if (auto r = require_existing_directory(*to); !r) return r;
    return failure(errc::exist);
  }
  const auto lookup =
      (flag & AT_SYMLINK_FOLLOW) ? sys::lookupflags::symlink_follow : sys::lookupflags{};
  return sys::path_link(from->dirfd, lookup, from->path, from->len, to->dirfd, to->path, to->len);
}

result<void> symlink_at(const char* target, int dirfd, const char* linkpath) {
  if (target == nullptr) return failure(errc::fault);
  if (target[0] == '\0') return failure(errc::noent);
  char buf[path_buffer_size];
  auto where = resolve_at(dirfd, linkpath, buf);
  if (!where) return failure(where.error());
  if (where->ends_in_dot) {
    if (auto r = require_existing_directory(*where); !r) return r;
    return failure(errc::exist);
  }
  if (strcmp(where->path, ".") == 0) return failure(errc::exist);
  return sys::path_symlink(target, strlen(target), where->dirfd, where->path, where->len);
}

result<size_t> readlink_at(int dirfd, const char* path, char* out, size_t size) {
  if (size == 0) return failure(errc::inval);
  char buf[path_buffer_size];
  auto where = resolve_at(dirfd, path, buf);
  if (!where) return failure(where.error() == errc::noent && is_virtual_directory(buf)
                                 ? errc::inval
                                 : where.error());
  // Read the whole target, then truncate as POSIX does: some hosts fail
  // instead of truncating when the buffer is short.
  char target[path_buffer_size];
  auto n = sys::path_readlink(where->dirfd, where->path, where->len, target, sizeof target);
  if (!n) return failure(n.error());
  const size_t copied = *n < size ? *n : size;
  memcpy(out, target, copied);
  return copied;
}

}  // namespace
}  // namespace wasishim::shim

using namespace wasishim::shim;

extern "C" {

int mkdir(const char* path, mode_t mode) { return to_c(make_directory(AT_FDCWD, path, mode)); }
int mkdirat(int dirfd, const char* path, mode_t mode) {
  return to_c(make_directory(dirfd, path, mode));
}
int __wasilibc_nocwd_mkdirat_nomode(int dirfd, const char* path) {
  return to_c(make_directory(dirfd, path, 0777));
}

int rmdir(const char* path) { return to_c(remove_directory(AT_FDCWD, path)); }
int unlink(const char* path) { return to_c(unlink_file(AT_FDCWD, path)); }
int unlinkat(int dirfd, const char* path, int flag) {
  return to_c(unlink_at(dirfd, path, flag));
}
int __wasilibc_unlinkat(int dirfd, const char* path) { return to_c(unlink_file(dirfd, path)); }
int __wasilibc_rmdirat(int dirfd, const char* path) {
  return to_c(remove_directory(dirfd, path));
}
int __wasilibc_nocwd___wasilibc_unlinkat(int dirfd, const char* path) {
  return to_c(unlink_file(dirfd, path));
}
int __wasilibc_nocwd___wasilibc_rmdirat(int dirfd, const char* path) {
  return to_c(remove_directory(dirfd, path));
}

int remove(const char* path) {
  auto r = unlink_file(AT_FDCWD, path);
  if (!r && (r.error() == errc::isdir || r.error() == errc::perm)) r = remove_directory(AT_FDCWD, path);
  return to_c(r);
}

int rename(const char* oldpath, const char* newpath) {
  return to_c(rename_at(AT_FDCWD, oldpath, AT_FDCWD, newpath));
}
int renameat(int olddirfd, const char* oldpath, int newdirfd, const char* newpath) {
  return to_c(rename_at(olddirfd, oldpath, newdirfd, newpath));
}
int __wasilibc_nocwd_renameat(int olddirfd, const char* oldpath, int newdirfd,
                              const char* newpath) {
  return to_c(rename_at(olddirfd, oldpath, newdirfd, newpath));
}
int __wasilibc_rename_oldat(int olddirfd, const char* oldpath, const char* newpath) {
  return to_c(rename_at(olddirfd, oldpath, AT_FDCWD, newpath));
}
int __wasilibc_rename_newat(const char* oldpath, int newdirfd, const char* newpath) {
  return to_c(rename_at(AT_FDCWD, oldpath, newdirfd, newpath));
}

int link(const char* oldpath, const char* newpath) {
  return to_c(link_at(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0));
}
int linkat(int olddirfd, const char* oldpath, int newdirfd, const char* newpath, int flag) {
  return to_c(link_at(olddirfd, oldpath, newdirfd, newpath, flag));
}
int __wasilibc_nocwd_linkat(int olddirfd, const char* oldpath, int newdirfd, const char* newpath,
                            int flag) {
  return to_c(link_at(olddirfd, oldpath, newdirfd, newpath, flag));
}
int __wasilibc_link(const char* oldpath, const char* newpath, int flag) {
  return to_c(link_at(AT_FDCWD, oldpath, AT_FDCWD, newpath, flag));
}
int __wasilibc_link_oldat(int olddirfd, const char* oldpath, const char* newpath, int flag) {
  return to_c(link_at(olddirfd, oldpath, AT_FDCWD, newpath, flag));
}
int __wasilibc_link_newat(const char* oldpath, int newdirfd, const char* newpath, int flag) {
  return to_c(link_at(AT_FDCWD, oldpath, newdirfd, newpath, flag));
}

int symlink(const char* target, const char* linkpath) {
  return to_c(symlink_at(target, AT_FDCWD, linkpath));
}
int symlinkat(const char* target, int dirfd, const char* linkpath) {
  return to_c(symlink_at(target, dirfd, linkpath));
}
int __wasilibc_nocwd_symlinkat(const char* target, int dirfd, const char* linkpath) {
  return to_c(symlink_at(target, dirfd, linkpath));
}

ssize_t readlink(const char* __restrict path, char* __restrict buf, size_t size) {
  return static_cast<ssize_t>(to_c(readlink_at(AT_FDCWD, path, buf, size)));
}
ssize_t readlinkat(int dirfd, const char* __restrict path, char* __restrict buf, size_t size) {
  return static_cast<ssize_t>(to_c(readlink_at(dirfd, path, buf, size)));
}
ssize_t __wasilibc_nocwd_readlinkat(int dirfd, const char* __restrict path,
                                    char* __restrict buf, size_t size) {
  return static_cast<ssize_t>(to_c(readlink_at(dirfd, path, buf, size)));
}

}  // extern "C"
