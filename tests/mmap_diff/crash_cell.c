/* One cell of docs/mmap.md's crash-consistency table, run by crash_table.py
 * natively (the oracle: the page cache keeps every store) and under
 * wasishim on both engines.
 *
 *   crash_cell DIR OPERATION ENDING [nostore]
 *
 * Maps DIR/cell.bin (two pages of 'o') shared, stores "STORED" at 100, does
 * OPERATION, and ends the program by ENDING. With `nostore` it makes no store
 * through the mapping, which gives the file a lost store would leave. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#ifdef __wasi__
#include <wasi/api.h>
#else
#include <sys/syscall.h>
#endif

#define P 4096

static int stores = 1;

static void store(char* m, size_t at, const char* text) {
  if (stores) memcpy(m + at, text, strlen(text));
}

static void fail(const char* what) {
  printf("%s failed\n", what);
  exit(2);
}

/* Cut the file to nothing by `how`, grow it back, and store again. */
static void cut(const char* how, const char* path, int fd, FILE** stream, char* m) {
  if (strcmp(how, "open_trunc") == 0) {
    int t = open(path, O_RDWR | O_TRUNC);
    if (t < 0) fail("open O_TRUNC");
    close(t);
  } else if (strcmp(how, "creat") == 0) {
    int t = creat(path, 0644);
    if (t < 0) fail("creat");
    close(t);
  } else if (strcmp(how, "fopen_w") == 0) {
    FILE* t = fopen(path, "w");
    if (!t) fail("fopen w");
    fclose(t);
  } else if (strcmp(how, "ftruncate0") == 0) {
    if (ftruncate(fd, 0) != 0) fail("ftruncate 0");
  } else if (strcmp(how, "truncate0") == 0) {
    if (truncate(path, 0) != 0) fail("truncate 0");
  } else {
    return;
  }
  (void)stream;
  if (ftruncate(fd, 2 * P) != 0) fail("ftruncate back");
  store(m, 500, "AFTER");
}

int main(int argc, char** argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: crash_cell DIR OPERATION ENDING [nostore]\n");
    return 2;
  }
  const char* op = argv[2];
  const char* ending = argv[3];
  stores = !(argc > 4 && strcmp(argv[4], "nostore") == 0);
  char path[512], other[512];
  snprintf(path, sizeof path, "%s/cell.bin", argv[1]);
  snprintf(other, sizeof other, "%s/other.txt", argv[1]);

  char old[2 * P];
  memset(old, 'o', sizeof old);
  FILE* stream = fopen(path, "w+");
  if (!stream || fwrite(old, 1, sizeof old, stream) != sizeof old || fflush(stream) != 0) fail("create");
  int fd = fileno(stream);
  char* m = mmap(NULL, 2 * P, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (m == MAP_FAILED) fail("mmap");
  store(m, 100, "STORED");

  if (strcmp(op, "write") == 0) {
    if (lseek(fd, P + 200, SEEK_SET) < 0 || write(fd, "written", 7) != 7) fail("write");
  } else if (strcmp(op, "pwrite") == 0) {
    if (pwrite(fd, "pwritten", 8, P + 300) != 8) fail("pwrite");
  } else if (strcmp(op, "append") == 0) {
    if (fcntl(fd, F_SETFL, O_APPEND) != 0 || write(fd, "appended", 8) != 8) fail("O_APPEND");
  } else if (strcmp(op, "pwrite_append") == 0) {
    int a = open(path, O_WRONLY | O_APPEND);
    if (a < 0 || pwrite(a, "tail", 4, 0) != 4) fail("pwrite O_APPEND");
    close(a);
  } else if (strcmp(op, "ftruncate") == 0) {
    if (ftruncate(fd, 3 * P) != 0) fail("ftruncate");
  } else if (strcmp(op, "truncate") == 0) {
    if (truncate(path, 3 * P) != 0) fail("truncate");
  } else if (strcmp(op, "freopen") == 0) {
    if (freopen(other, "w", stream) != stream) fail("freopen");
    store(m, 300, "REOPENED");
  } else if (strcmp(op, "fsync") == 0) {
    if (fsync(fd) != 0) fail("fsync");
  } else if (strcmp(op, "fdatasync") == 0) {
    if (fdatasync(fd) != 0) fail("fdatasync");
  } else if (strcmp(op, "msync") == 0) {
    if (msync(m, 2 * P, MS_SYNC) != 0) fail("msync");
  } else if (strcmp(op, "munmap") == 0) {
    if (munmap(m, 2 * P) != 0) fail("munmap");
  } else if (strcmp(op, "store") != 0) {
    cut(op, path, fd, &stream, m);
  }

  printf("ending by %s\n", ending);
  fflush(stdout);
  if (strcmp(ending, "exit") == 0) exit(0);
  if (strcmp(ending, "_exit") == 0) _exit(0);
  if (strcmp(ending, "abort") == 0) abort();
  if (strcmp(ending, "raise") == 0) raise(SIGTERM);
  if (strcmp(ending, "trap") == 0) __builtin_trap();
  if (strcmp(ending, "proc_exit") == 0) {
#ifdef __wasi__
    __wasi_proc_exit(0);
#else
    syscall(SYS_exit_group, 0);
#endif
  }
  if (strcmp(ending, "sigkill") == 0) {
    /* The harness kills the process (the host) once it reads this line. */
    printf("ready\n");
    fflush(stdout);
    sleep(60);
    return 3;
  }
  if (strcmp(ending, "sigpipe") == 0) {
    /* The harness closes the reading end of stdout, then stdin. */
    printf("ready\n");
    fflush(stdout);
    char c;
    while (read(0, &c, 1) > 0) {
    }
    for (int i = 0; i < 64; ++i) {
      if (write(1, "after the reader left\n", 22) < 0) break;
    }
  }
  return 0;
}
