/* Trailing slashes on every path function: a path ending in '/' must name a
 * directory, and a symlink before the slash is followed only within the
 * sandbox. */
#include "wasi_host.h"

static __wasi_errno_t unlink_(const char* p) { return __wasi_path_unlink_file(SANDBOX, p); }
static __wasi_errno_t rmdir_(const char* p) { return __wasi_path_remove_directory(SANDBOX, p); }
static __wasi_errno_t mkdir_(const char* p) { return __wasi_path_create_directory(SANDBOX, p); }
static __wasi_errno_t rename_(const char* a, const char* b) { return __wasi_path_rename(SANDBOX, a, SANDBOX, b); }
static __wasi_errno_t symlink_(const char* t, const char* p) { return __wasi_path_symlink(t, SANDBOX, p); }
static __wasi_errno_t stat_(const char* p, __wasi_lookupflags_t f) {
  __wasi_filestat_t st;
  return __wasi_path_filestat_get(SANDBOX, f, p, &st);
}

int main(void) {
  REQUIRE(make_file("file", "x") == 0);
  REQUIRE(mkdir_("dir") == 0);
  REQUIRE(symlink_("file", "link-to-file") == 0);
  REQUIRE(symlink_("dir", "link-to-dir") == 0);
  __wasi_fd_t fd;

  E("open file/", open_at("file/", 0, 0, __WASI_RIGHTS_FD_READ, 0, &fd));
  E("open dir/", open_at("dir/", 0, __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READDIR, 0, &fd));
  E("open link-to-dir/ nofollow", open_at("link-to-dir/", 0, __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READDIR, 0, &fd));
  E("open link-to-file/", open_at("link-to-file/", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, 0, __WASI_RIGHTS_FD_READ, 0, &fd));
  E("create new/", open_at("new/", 0, __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_WRITE, 0, &fd));

  char buf[16];
  __wasi_size_t used;
  E("readlink link-to-dir/", __wasi_path_readlink(SANDBOX, "link-to-dir/", (uint8_t*)buf, sizeof buf, &used));
  E("readlink link-to-file/", __wasi_path_readlink(SANDBOX, "link-to-file/", (uint8_t*)buf, sizeof buf, &used));
  E("readlink link-to-file", __wasi_path_readlink(SANDBOX, "link-to-file", (uint8_t*)buf, sizeof buf, &used));
  E("stat file/", stat_("file/", 0));
  E("stat dir/", stat_("dir/", 0));
  E("stat link-to-file/", stat_("link-to-file/", 0));
  E("stat link-to-dir/", stat_("link-to-dir/", 0));

  E("mkdir made/", mkdir_("made/"));
  E("mkdir file/", mkdir_("file/"));

  E("unlink file/", unlink_("file/"));
  E("unlink dir", unlink_("dir"));
  E("unlink dir/", unlink_("dir/"));
  E("unlink link-to-dir/", unlink_("link-to-dir/"));

  E("rmdir file/", rmdir_("file/"));
  E("rmdir link-to-dir/", rmdir_("link-to-dir/"));
  E("rmdir made/", rmdir_("made/"));

  E("rename file/ -> x", rename_("file/", "x"));
  E("rename file -> x/", rename_("file", "x/"));
  E("rename dir/ -> dir2/", rename_("dir/", "dir2/"));

  E("symlink -> new2/", symlink_("file", "new2/"));
  E("symlink -> file/", symlink_("file", "file/"));

  return 0;
}
