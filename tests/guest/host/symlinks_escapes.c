/* wasishim-test: node-differs Node's path_readlink fails with a short buffer instead of truncating, and Node reports escapes through a symlink as ENOENT rather than ENOTCAPABLE */
/* Symlinks: dangling, looping, O_NOFOLLOW-style lookups, readlink into short
 * buffers, absolute targets and targets climbing out of the preopen; and
 * escapes from the preopen that must fail with notcapable (or loop) whatever
 * route they take, including through sub/up -> ../.., a link the guest could
 * not create but the fixture holds.
 * wasishim-test: fixture symlinks_escapes.fixture */
#include "wasi_host.h"

int main(void) {
  REQUIRE(make_file("target", "T") == 0);
  __wasi_fd_t fd;
  E("symlink ok", __wasi_path_symlink("target", SANDBOX, "ln"));
  E("symlink exists", __wasi_path_symlink("target", SANDBOX, "ln"));
  E("symlink absolute", __wasi_path_symlink("/etc/passwd", SANDBOX, "abs"));
  E("symlink dangling", __wasi_path_symlink("nowhere", SANDBOX, "dangling"));
  E("symlink loop a", __wasi_path_symlink("loop-b", SANDBOX, "loop-a"));
  E("symlink loop b", __wasi_path_symlink("loop-a", SANDBOX, "loop-b"));
  E("symlink up", __wasi_path_symlink("../..", SANDBOX, "sub/up2"));
  E("symlink up to the top", __wasi_path_symlink("..", SANDBOX, "sub/top"));

  E("open ln follow", open_at("ln", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, 0, __WASI_RIGHTS_FD_READ, 0, &fd));
  E("open ln nofollow", open_at("ln", 0, 0, __WASI_RIGHTS_FD_READ, 0, &fd));
  E("open dangling", open_at("dangling", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, 0, __WASI_RIGHTS_FD_READ, 0, &fd));
  E("open loop", open_at("loop-a", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, 0, __WASI_RIGHTS_FD_READ, 0, &fd));
  E("open through loop", open_at("loop-a/x", 0, 0, __WASI_RIGHTS_FD_READ, 0, &fd));
  E("create via dangling", open_at("dangling", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, __WASI_OFLAGS_CREAT,
                                   __WASI_RIGHTS_FD_WRITE, 0, &fd));
  __wasi_filestat_t st;
  E("dangling target now exists", __wasi_path_filestat_get(SANDBOX, 0, "nowhere", &st));
  E("excl through link", open_at("ln", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW,
                                 __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, __WASI_RIGHTS_FD_WRITE, 0, &fd));

  char buf[16];
  __wasi_size_t used = 99;
  E("readlink", __wasi_path_readlink(SANDBOX, "ln", (uint8_t*)buf, sizeof buf, &used));
  printf("readlink: %.*s (%u)\n", (int)used, buf, (unsigned)used);
  E("readlink short", __wasi_path_readlink(SANDBOX, "ln", (uint8_t*)buf, 3, &used));
  printf("readlink short: %.*s (%u)\n", (int)used, buf, (unsigned)used);
  E("readlink empty buffer", __wasi_path_readlink(SANDBOX, "ln", (uint8_t*)buf, 0, &used));
  printf("readlink empty buffer used: %u\n", (unsigned)used);
  E("readlink of a file", __wasi_path_readlink(SANDBOX, "target", (uint8_t*)buf, sizeof buf, &used));

  /* Escapes. */
  E("open ..", open_at("..", 0, __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READDIR, 0, &fd));
  E("open sub/../..", open_at("sub/../..", 0, __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READDIR, 0, &fd));
  E("open absolute", open_at("/etc/passwd", 0, 0, __WASI_RIGHTS_FD_READ, 0, &fd));
  E("open via up link", open_at("sub/up/etc/passwd", 0, 0, __WASI_RIGHTS_FD_READ, 0, &fd));
  E("open up link/", open_at("sub/up/", 0, __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READDIR, 0, &fd));
  E("stat ../", __wasi_path_filestat_get(SANDBOX, 0, "../", &st));
  E("mkdir ../x", __wasi_path_create_directory(SANDBOX, "../x"));
  E("rename out", __wasi_path_rename(SANDBOX, "target", SANDBOX, "sub/up/stolen"));
  E("link out", __wasi_path_link(SANDBOX, 0, "target", SANDBOX, "../stolen"));
  E("link in", __wasi_path_link(SANDBOX, 0, "sub/up/etc/passwd", SANDBOX, "stolen"));
  E("open /proc magic", open_at("/proc/self/root/etc/passwd", 0, 0, __WASI_RIGHTS_FD_READ, 0, &fd));
  return 0;
}
