/* wasishim-test: node-differs Node's WASI (uvwasi) does not report APPEND set by fd_fdstat_set_flags in fdstat, accepts SYNC and unknown flag bits, and accepts fd_allocate of length 0 */
/* fd_fdstat_get/set_flags/set_rights, fd_renumber, fd_close, fd_tell/seek,
 * fd_allocate, fd_advise, fd_sync/datasync, fd_filestat_set_size: success
 * and error paths, through raw WASI calls. */
#include "wasi_host.h"

int main(void) {
  REQUIRE(make_file("f", "0123456789") == 0);
  __wasi_fd_t fd, ro;
  REQUIRE(open_at("f", 0, 0, kFileRights, 0, &fd) == 0);
  REQUIRE(open_at("f", 0, 0, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK, 0, &ro) == 0);

  __wasi_fdstat_t st;
  REQUIRE(__wasi_fd_fdstat_get(ro, &st) == 0);
  printf("filetype regular: %d\n", st.fs_filetype == __WASI_FILETYPE_REGULAR_FILE);
  printf("rights as asked: %d\n", st.fs_rights_base == (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK));

  /* Rights can be dropped, never added. */
  E("set_rights add write", __wasi_fd_fdstat_set_rights(ro, st.fs_rights_base | __WASI_RIGHTS_FD_WRITE, 0));
  E("set_rights drop seek", __wasi_fd_fdstat_set_rights(ro, __WASI_RIGHTS_FD_READ, 0));
  __wasi_filesize_t pos;
  E("seek without right", __wasi_fd_seek(ro, 0, __WASI_WHENCE_SET, &pos));
  E("set_rights re-add seek", __wasi_fd_fdstat_set_rights(ro, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK, 0));
  __wasi_ciovec_t w = {(const uint8_t*)"x", 1};
  __wasi_size_t n;
  E("write on read-only fd", __wasi_fd_write(ro, &w, 1, &n));

  /* APPEND through fd_fdstat_set_flags: a write at offset 0 lands at the end. */
  E("set_flags append", __wasi_fd_fdstat_set_flags(fd, __WASI_FDFLAGS_APPEND));
  REQUIRE(__wasi_fd_fdstat_get(fd, &st) == 0);
  printf("flags now append: %d\n", st.fs_flags == __WASI_FDFLAGS_APPEND);
  REQUIRE(__wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos) == 0);
  w.buf = (const uint8_t*)"AB";
  w.buf_len = 2;
  E("append write", __wasi_fd_write(fd, &w, 1, &n));
  E("tell", __wasi_fd_tell(fd, &pos));
  printf("offset after append: %llu\n", (unsigned long long)pos);
  E("set_flags nonblock", __wasi_fd_fdstat_set_flags(fd, __WASI_FDFLAGS_NONBLOCK));
  E("set_flags sync", __wasi_fd_fdstat_set_flags(fd, __WASI_FDFLAGS_SYNC));
  E("set_flags unknown bit", __wasi_fd_fdstat_set_flags(fd, 1 << 7));

  /* Size, allocation, advice, sync. */
  E("set_size 4", __wasi_fd_filestat_set_size(fd, 4));
  __wasi_filestat_t fst;
  REQUIRE(__wasi_fd_filestat_get(fd, &fst) == 0);
  printf("size: %llu\n", (unsigned long long)fst.size);
  E("allocate 0..100", __wasi_fd_allocate(fd, 0, 100));
  REQUIRE(__wasi_fd_filestat_get(fd, &fst) == 0);
  printf("size after allocate: %llu\n", (unsigned long long)fst.size);
  E("allocate len 0", __wasi_fd_allocate(fd, 0, 0));
  E("allocate without right", __wasi_fd_allocate(ro, 0, 200));
  E("advise sequential", __wasi_fd_advise(fd, 0, 0, __WASI_ADVICE_SEQUENTIAL));
  E("advise unknown", __wasi_fd_advise(fd, 0, 0, 9));
  E("sync", __wasi_fd_sync(fd));
  E("datasync", __wasi_fd_datasync(fd));
  E("datasync without right", __wasi_fd_datasync(ro));

  /* Renumber onto an open fd replaces it; onto a closed one is badf. */
  E("renumber fd->ro", __wasi_fd_renumber(fd, ro));
  E("old number closed", __wasi_fd_close(fd));
  REQUIRE(__wasi_fd_filestat_get(ro, &fst) == 0);
  printf("renumbered fd sees size: %llu\n", (unsigned long long)fst.size);
  E("renumber to closed", __wasi_fd_renumber(ro, 1000));
  E("close", __wasi_fd_close(ro));
  E("close again", __wasi_fd_close(ro));
  E("fdstat closed", __wasi_fd_fdstat_get(ro, &st));
  return 0;
}
