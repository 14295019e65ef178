/* wasishim-test: env GREETING=hello */
/* wasishim-test: args two */
/* wasishim-test: node-differs Node's WASI throws a RangeError (a trap) for pointers past the end of memory instead of returning EFAULT */
/* Arguments, environment, clocks, randomness, preopen names, positioned I/O;
 * then pointers outside linear memory, which must give EFAULT from the host
 * (never a host crash). */
#include "wasi_host.h"

/* path_open's raw import: wasi-libc's wrapper measures the path with strlen
 * in the guest, which would trap on a bad pointer before the host sees it. */
__attribute__((import_module("wasi_snapshot_preview1"), import_name("path_open")))
uint16_t raw_path_open(uint32_t fd, uint32_t dirflags, const void* path, uint32_t path_len, uint32_t oflags,
                       uint64_t rights_base, uint64_t rights_inheriting, uint32_t fdflags, __wasi_fd_t* fd_out);

/* Just below 4 GiB: never inside this program's memory. */
#define BAD ((void*)(uintptr_t)0xfffffff0u)

int main(void) {
  __wasi_size_t argc, argv_size, envc, env_size;
  E("args_sizes_get", __wasi_args_sizes_get(&argc, &argv_size));
  printf("argc %u\n", (unsigned)argc);
  char* argv[8];
  char argbuf[256];
  E("args_get", __wasi_args_get((uint8_t**)argv, (uint8_t*)argbuf));
  printf("argv[1] %s argv[2] %s\n", argv[1], argv[2]);
  E("environ_sizes_get", __wasi_environ_sizes_get(&envc, &env_size));
  char* envp[8];
  char envbuf[256];
  E("environ_get", __wasi_environ_get((uint8_t**)envp, (uint8_t*)envbuf));
  int found = 0;
  for (__wasi_size_t i = 0; i < envc && i < 8; ++i) found |= strcmp(envp[i], "GREETING=hello") == 0;
  printf("GREETING found: %d\n", found);

  __wasi_timestamp_t res, t;
  E("clock_res_get monotonic", __wasi_clock_res_get(__WASI_CLOCKID_MONOTONIC, &res));
  E("clock_time_get realtime", __wasi_clock_time_get(__WASI_CLOCKID_REALTIME, 1, &t));
  printf("after 2020: %d\n", t > 1577836800ull * 1000000000ull);
  E("clock_res_get bad id", __wasi_clock_res_get(9, &res));
  uint8_t rnd[32] = {0};
  E("random_get", __wasi_random_get(rnd, sizeof rnd));
  int nonzero = 0;
  for (size_t i = 0; i < sizeof rnd; ++i) nonzero += rnd[i] != 0;
  printf("random mostly nonzero: %d\n", nonzero > 16);

  __wasi_prestat_t ps;
  E("prestat_get sandbox", __wasi_fd_prestat_get(SANDBOX, &ps));
  char name[16] = {0};
  E("prestat_dir_name", __wasi_fd_prestat_dir_name(SANDBOX, (uint8_t*)name, ps.u.dir.pr_name_len));
  printf("preopen name %s\n", name);
  E("prestat_dir_name short", __wasi_fd_prestat_dir_name(SANDBOX, (uint8_t*)name, 2));
  E("prestat_get stdout", __wasi_fd_prestat_get(1, &ps));

  __wasi_fd_t fd;
  REQUIRE(open_at("f", 0, __WASI_OFLAGS_CREAT, kFileRights, 0, &fd) == 0);
  __wasi_ciovec_t w = {(const uint8_t*)"abcdef", 6};
  __wasi_size_t n;
  E("pwrite at 4", __wasi_fd_pwrite(fd, &w, 1, 4, &n));
  __wasi_filesize_t pos;
  E("tell after pwrite", __wasi_fd_tell(fd, &pos));
  printf("offset %llu\n", (unsigned long long)pos);
  uint8_t r[16] = {0};
  __wasi_iovec_t iv = {r, sizeof r};
  E("pread at 5", __wasi_fd_pread(fd, &iv, 1, 5, &n));
  printf("pread %u bytes: %.*s\n", (unsigned)n, (int)n, r);
  E("seek end", __wasi_fd_seek(fd, 0, __WASI_WHENCE_END, &pos));
  printf("size %llu\n", (unsigned long long)pos);
  E("seek before start", __wasi_fd_seek(fd, -100, __WASI_WHENCE_SET, &pos));
  E("seek bad whence", __wasi_fd_seek(fd, 0, 7, &pos));

  /* Out-of-bounds pointers. */
  E("args_sizes_get bad", __wasi_args_sizes_get(BAD, &argv_size));
  E("clock_time_get bad", __wasi_clock_time_get(__WASI_CLOCKID_REALTIME, 1, BAD));
  E("random_get bad", __wasi_random_get(BAD, 64));
  iv.buf = BAD;
  E("fd_read into bad buffer", __wasi_fd_read(fd, &iv, 1, &n));
  E("fd_write bad iovec array", __wasi_fd_write(1, BAD, 1, &n));
  E("path_open bad path", raw_path_open(SANDBOX, 0, BAD, 4, 0, kFileRights, kFileRights, 0, &fd));
  E("fd_filestat_get bad", __wasi_fd_filestat_get(fd, BAD));
  E("fd_readdir bad buffer", __wasi_fd_readdir(SANDBOX, BAD, 64, 0, &n));
  E("poll_oneoff bad", __wasi_poll_oneoff(BAD, BAD, 1, &n));
  printf("still running\n");
  return 0;
}
