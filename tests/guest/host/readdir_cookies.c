/* wasishim-test: node-differs Node's fd_readdir omits . and .., reports a d_ino different from the file's ino, and gives ENOTCAPABLE instead of ENOTDIR for a file */
/* fd_readdir: ".", "..", every entry exactly once when resumed by cookie
 * with buffers of several sizes, d_ino equal to the file's ino, d_type, and a
 * buffer too small for one entry filled completely. */
#include "wasi_host.h"

#define NFILES 30

static int listed[NFILES];
static int dot, dotdot, others;

static int scan(__wasi_fd_t dir, size_t buf_len) {
  static uint8_t buf[4096];
  __wasi_dircookie_t cookie = 0;
  memset(listed, 0, sizeof listed);
  dot = dotdot = others = 0;
  for (int rounds = 0; rounds < 1000; ++rounds) {
    __wasi_size_t used;
    if (__wasi_fd_readdir(dir, buf, buf_len, cookie, &used) != 0) return -1;
    size_t off = 0;
    int whole = 0;
    while (off + sizeof(__wasi_dirent_t) <= used) {
      __wasi_dirent_t d;
      memcpy(&d, buf + off, sizeof d);
      if (off + sizeof d + d.d_namlen > used) break;
      const char* name = (const char*)buf + off + sizeof d;
      if (d.d_namlen == 1 && name[0] == '.') ++dot;
      else if (d.d_namlen == 2 && name[0] == '.' && name[1] == '.') ++dotdot;
      else if (d.d_namlen > 5 && memcmp(name, "file-", 5) == 0) {
        int k = 0;
        for (size_t i = 5; i < d.d_namlen; ++i) k = k * 10 + (name[i] - '0');
        if (k >= 0 && k < NFILES) ++listed[k];
        if (d.d_type != __WASI_FILETYPE_REGULAR_FILE) return -2;
      } else ++others;
      cookie = d.d_next;
      off += sizeof d + d.d_namlen;
      ++whole;
    }
    if (used < buf_len) return 0;
    if (!whole) return -3;
  }
  return -4;
}

int main(void) {
  char name[32];
  for (int i = 0; i < NFILES; ++i) {
    snprintf(name, sizeof name, "file-%d", i);
    REQUIRE(make_file(name, "x") == 0);
  }
  REQUIRE(__wasi_path_create_directory(SANDBOX, "subdir") == 0);
  __wasi_fd_t dir;
  REQUIRE(open_at(".", 0, __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READDIR, 0, &dir) == 0);
  static const size_t sizes[] = {4096, 128, 40};
  for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; ++s) {
    int r = scan(dir, sizes[s]);
    int once = 1;
    for (int i = 0; i < NFILES; ++i) once &= listed[i] == 1;
    printf("buffer %zu: result %d, each file once %d, dot %d, dotdot %d, others %d\n", sizes[s], r, once, dot,
           dotdot, others);
  }

  /* d_ino of an entry is the file's inode number. */
  uint8_t buf[4096];
  __wasi_size_t used;
  REQUIRE(__wasi_fd_readdir(dir, buf, sizeof buf, 0, &used) == 0);
  __wasi_filestat_t st;
  REQUIRE(__wasi_path_filestat_get(SANDBOX, 0, "subdir", &st) == 0);
  int ino_match = 0;
  for (size_t off = 0; off + sizeof(__wasi_dirent_t) <= used;) {
    __wasi_dirent_t d;
    memcpy(&d, buf + off, sizeof d);
    if (d.d_namlen == 6 && memcmp(buf + off + sizeof d, "subdir", 6) == 0)
      ino_match = d.d_ino == st.ino && d.d_type == __WASI_FILETYPE_DIRECTORY;
    off += sizeof d + d.d_namlen;
  }
  printf("subdir d_ino and d_type match: %d\n", ino_match);

  /* A buffer smaller than one entry comes back full. */
  memset(buf, 0xee, 64);
  E("readdir 10-byte buffer", __wasi_fd_readdir(dir, buf, 10, 0, &used));
  printf("bufused: %u, byte after: %d\n", (unsigned)used, buf[10] == 0xee);

  __wasi_fd_t file;
  REQUIRE(open_at("file-0", 0, 0, __WASI_RIGHTS_FD_READ, 0, &file) == 0);
  E("readdir on a file", __wasi_fd_readdir(file, buf, sizeof buf, 0, &used));
  E("readdir bad fd", __wasi_fd_readdir(999, buf, sizeof buf, 0, &used));
  return 0;
}
