/* The device files programs assume, with no preopen holding /dev (the test
 * host preopens only the sandbox): /dev/null, /dev/zero, /dev/full,
 * /dev/random, /dev/urandom, /dev/stdin and /dev/fd/N, through open, stdio,
 * read, write, pread, pwrite, lseek, fstat, stat, access, fcntl, poll, dup,
 * isatty and mmap. Linux is the oracle.
 * wasishim-test: native */
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "guest_test.h"

static void show_stat(const char* label, const struct stat* st) {
  printf("%s: %s mode %o rdev %u:%u size %lld\n", label,
         S_ISCHR(st->st_mode) ? "char" : S_ISFIFO(st->st_mode) ? "fifo" : "other",
         (unsigned)(st->st_mode & 07777), major(st->st_rdev), minor(st->st_rdev),
         (long long)st->st_size);
}

static int all_zero(const unsigned char* p, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (p[i] != 0) return 0;
  return 1;
}

static void null_device(void) {
  int fd = open("/dev/null", O_RDWR);
  REQUIRE(fd >= 0);
  char buf[16] = "untouched";
  SHOW("null write", write(fd, "hello", 5));
  SHOW("null read", read(fd, buf, sizeof buf));
  printf("null buffer: %s\n", buf);
  SHOW("null lseek", lseek(fd, 100, SEEK_SET));
  SHOW("null lseek end", lseek(fd, 0, SEEK_END));
  SHOW("null pwrite", pwrite(fd, "abc", 3, 4096));
  SHOW("null pread", pread(fd, buf, sizeof buf, 4096));
  struct stat st;
  REQUIRE(fstat(fd, &st) == 0);
  show_stat("null fstat", &st);
  SHOW("null F_GETFL is O_RDWR", (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR);
  SHOW("null O_NONBLOCK set", fcntl(fd, F_SETFL, O_NONBLOCK));
  SHOW("null O_NONBLOCK seen", (fcntl(fd, F_GETFL) & O_NONBLOCK) != 0);
  struct pollfd p = {fd, POLLIN | POLLOUT, 0};
  SHOW("null poll", poll(&p, 1, 0));
  printf("null revents:%s%s\n", p.revents & POLLIN ? " IN" : "", p.revents & POLLOUT ? " OUT" : "");
  fd_set rd, wr;
  FD_ZERO(&rd);
  FD_ZERO(&wr);
  FD_SET(fd, &rd);
  FD_SET(fd, &wr);
  struct timeval tv = {0, 0};
  SHOW("null select", select(fd + 1, &rd, &wr, NULL, &tv));
  SHOW("null isatty", isatty(fd));
  int waiting = -1;
  SHOW("null FIONREAD", ioctl(fd, FIONREAD, &waiting));
  SHOW("null ftruncate", ftruncate(fd, 0));
  SHOW("null fsync", fsync(fd));
  SHOW("null mmap", mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0) == MAP_FAILED ? -1 : 0);
  int copy = dup(fd);
  REQUIRE(copy >= 0);
  SHOW("null write through dup", write(copy, "x", 1));
  SHOW("close dup", close(copy));
  SHOW("close", close(fd));
  SHOW("null read-only write", (fd = open("/dev/null", O_RDONLY), write(fd, "x", 1)));
  SHOW("close", close(fd));

  FILE* f = fopen("/dev/null", "w");
  REQUIRE(f != NULL);
  SHOW("fprintf to /dev/null", fprintf(f, "%s", "dropped"));
  SHOW("fclose", fclose(f));
  f = fopen("/dev/null", "r");
  REQUIRE(f != NULL);
  SHOW("fgetc from /dev/null is EOF", fgetc(f) == EOF && feof(f));
  SHOW("fclose", fclose(f));
}

static void zero_and_full(void) {
  unsigned char buf[64];
  int fd = open("/dev/zero", O_RDONLY);
  REQUIRE(fd >= 0);
  memset(buf, 0xAA, sizeof buf);
  SHOW("zero read", read(fd, buf, sizeof buf));
  SHOW("zero bytes are zero", all_zero(buf, sizeof buf));
  memset(buf, 0xAA, sizeof buf);
  SHOW("zero pread", pread(fd, buf, 10, 12345));
  SHOW("zero pread bytes are zero", all_zero(buf, 10) && buf[10] == 0xAA);
  SHOW("zero read-only shared writable map",
       mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) == MAP_FAILED ? -1 : 0);
  unsigned char* m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  REQUIRE(m != MAP_FAILED);
  SHOW("zero private map reads zero", all_zero(m, 8192));
  m[5000] = 7;
  SHOW("zero private map keeps a store", m[5000]);
  SHOW("munmap", munmap(m, 8192));
  SHOW("close", close(fd));

  fd = open("/dev/zero", O_RDWR);
  REQUIRE(fd >= 0);
  SHOW("zero write", write(fd, "abc", 3));
  m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  REQUIRE(m != MAP_FAILED);
  m[1] = 9;
  SHOW("zero shared map keeps a store", m[1] + m[0]);
  SHOW("munmap", munmap(m, 4096));
  SHOW("close", close(fd));

  fd = open("/dev/full", O_RDWR);
  REQUIRE(fd >= 0);
  SHOW("full write", write(fd, "abc", 3));
  SHOW("full mmap", mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0) == MAP_FAILED ? -1 : 0);
  memset(buf, 0xAA, sizeof buf);
  SHOW("full read", read(fd, buf, 8));
  SHOW("full bytes are zero", all_zero(buf, 8));
  SHOW("close", close(fd));
}

static void random_devices(void) {
  const char* names[] = {"/dev/urandom", "/dev/random"};
  for (int i = 0; i < 2; i++) {
    unsigned char a[32], b[32];
    int fd = open(names[i], O_RDONLY);
    REQUIRE(fd >= 0);
    SHOW(names[i], read(fd, a, sizeof a));
    SHOW("again", read(fd, b, sizeof b));
    /* 2^-256 of failing by chance. */
    SHOW("the two differ", memcmp(a, b, sizeof a) != 0);
    SHOW("close", close(fd));
  }
}

static void streams(void) {
  int p[2];
  REQUIRE(pipe(p) == 0);
  char name[32];
  snprintf(name, sizeof name, "/dev/fd/%d", p[1]);
  int w = open(name, O_WRONLY);
  REQUIRE(w >= 0);
  SHOW("write through /dev/fd/N", write(w, "piped", 5));
  SHOW("close", close(w));
  char buf[8] = {0};
  SHOW("read from the pipe", read(p[0], buf, sizeof buf - 1));
  printf("got: %s\n", buf);

  int saved = dup(0);
  REQUIRE(saved >= 0);
  REQUIRE(dup2(p[0], 0) == 0);
  struct stat st;
  REQUIRE(stat("/dev/stdin", &st) == 0);
  show_stat("stat /dev/stdin", &st);
  REQUIRE(write(p[1], "in", 2) == 2);
  int r = open("/dev/stdin", O_RDONLY);
  REQUIRE(r >= 0);
  memset(buf, 0, sizeof buf);
  SHOW("read through /dev/stdin", read(r, buf, sizeof buf - 1));
  printf("got: %s\n", buf);
  REQUIRE(fstat(r, &st) == 0);
  show_stat("fstat of it", &st);
  SHOW("close", close(r));
  REQUIRE(dup2(saved, 0) == 0);
  SHOW("close", close(saved) + close(p[0]) + close(p[1]));

  /* /dev/stdout and /dev/stderr, with a pipe as descriptors 1 and 2. */
  const char* stream_names[] = {"/dev/stdout", "/dev/stderr"};
  for (int n = 1; n <= 2; n++) {
    REQUIRE(pipe(p) == 0);
    fflush(stdout);
    int keep = dup(n);
    REQUIRE(keep >= 0);
    REQUIRE(dup2(p[1], n) == n);
    int s = open(stream_names[n - 1], O_WRONLY);
    long wrote = s >= 0 ? (long)write(s, stream_names[n - 1] + 5, 6) : -1;
    int closed = s >= 0 ? close(s) : -1;
    REQUIRE(dup2(keep, n) == n);
    REQUIRE(close(keep) == 0);
    printf("%s: open %d write %ld close %d\n", stream_names[n - 1], s >= 0, wrote, closed);
    memset(buf, 0, sizeof buf);
    SHOW("read it back", read(p[0], buf, sizeof buf - 1));
    printf("got: %s\n", buf);
    SHOW("close", close(p[0]) + close(p[1]));
  }

  int gone = dup(1);
  REQUIRE(gone >= 0);
  REQUIRE(close(gone) == 0);
  snprintf(name, sizeof name, "/dev/fd/%d", gone);
  SHOW("open /dev/fd of a closed descriptor", open(name, O_RDONLY));
}

static void names(void) {
  struct stat st;
  REQUIRE(stat("/dev/null", &st) == 0);
  show_stat("stat /dev/null", &st);
  REQUIRE(stat("/dev/zero", &st) == 0);
  show_stat("stat /dev/zero", &st);
  REQUIRE(stat("/dev/urandom", &st) == 0);
  show_stat("stat /dev/urandom", &st);
  SHOW("access /dev/null rw", access("/dev/null", R_OK | W_OK));
  SHOW("access /dev/null x", access("/dev/null", X_OK));
  SHOW("open /dev/null/", open("/dev/null/", O_RDONLY));
  SHOW("open /dev/null O_DIRECTORY", open("/dev/null", O_RDONLY | O_DIRECTORY));
  SHOW("open /dev/null O_CREAT|O_EXCL", open("/dev/null", O_WRONLY | O_CREAT | O_EXCL, 0644));
  int fd = open("/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  SHOW("open /dev/null O_CREAT|O_TRUNC", fd >= 0);
  SHOW("close", close(fd));
  SHOW("open /dev/../dev/./null", (fd = open("/dev/../dev/./null", O_RDONLY)) >= 0);
  SHOW("close", close(fd));
  SHOW("open /dev/no-such-device", open("/dev/no-such-device", O_RDONLY));
  SHOW("stat /dev/no-such-device", stat("/dev/no-such-device", &st));
}

int main(void) {
  null_device();
  zero_and_full();
  random_devices();
  streams();
  names();
  /* The common idiom last: stderr into /dev/null. */
  SHOW("freopen stderr onto /dev/null", freopen("/dev/null", "w", stderr) != NULL);
  fprintf(stderr, "this goes nowhere\n");
  return 0;
}
