/* Descriptor I/O through the shim: open flags, creat, openat, read/write and
 * their positioned and vectored forms, lseek, ftruncate/truncate, sync,
 * fallocate/fadvise, and their error cases. Linux is the oracle.
 * wasishim-test: native */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "guest_test.h"

static char root[512];
static const char* at(const char* name) {
  static char buf[4][600];
  static int next;
  char* b = buf[next++ % 4];
  snprintf(b, 600, "%s/%s", root, name);
  return b;
}

static long file_size(const char* path) {
  struct stat st;
  if (stat(path, &st) != 0) return -1;
  return (long)st.st_size;
}

static void show_file(const char* label, const char* path) {
  char buf[128] = {0};
  int fd = open(path, O_RDONLY);
  long n = fd >= 0 ? (long)read(fd, buf, sizeof buf - 1) : -1;
  if (fd >= 0) close(fd);
  printf("%s: %ld [%s]\n", label, n, n > 0 ? buf : "");
}

int main(int argc, char** argv) {
  REQUIRE(argc >= 2);
  snprintf(root, sizeof root, "%s", argv[1]);

  /* O_CREAT | O_EXCL, then O_EXCL again */
  int fd = open(at("a.txt"), O_CREAT | O_EXCL | O_WRONLY, 0644);
  REQUIRE(fd >= 0);
  SHOW("write a", write(fd, "0123456789", 10));
  SHOW("read on write-only", read(fd, (char[4]){0}, 4));
  SHOW("close a", close(fd));
  SHOW("excl again", open(at("a.txt"), O_CREAT | O_EXCL | O_WRONLY, 0644));

  /* O_APPEND: every write lands at the end, whatever the offset */
  fd = open(at("a.txt"), O_WRONLY | O_APPEND);
  REQUIRE(fd >= 0);
  SHOW("lseek set 0", lseek(fd, 0, SEEK_SET));
  SHOW("append", write(fd, "AB", 2));
  SHOW("offset after append", lseek(fd, 0, SEEK_CUR));
  close(fd);
  show_file("after append", at("a.txt"));

  /* O_TRUNC */
  fd = open(at("a.txt"), O_RDWR | O_TRUNC);
  REQUIRE(fd >= 0);
  printf("size after trunc: %ld\n", file_size(at("a.txt")));
  SHOW("write x", write(fd, "hello world", 11));
  char buf[64];
  memset(buf, 0, sizeof buf);
  SHOW("pread 6@6", pread(fd, buf, 5, 6));
  printf("pread text: %s\n", buf);
  SHOW("offset unchanged by pread", lseek(fd, 0, SEEK_CUR));
  SHOW("pwrite 2@0", pwrite(fd, "HE", 2, 0));
  SHOW("pwrite past end", pwrite(fd, "!", 1, 20));
  printf("size after pwrite past end: %ld\n", file_size(at("a.txt")));
  SHOW("pread negative offset", pread(fd, buf, 1, -1));
  SHOW("pwrite negative offset", pwrite(fd, "x", 1, -1));

  /* vectored */
  struct iovec out[3] = {{"one ", 4}, {"two ", 4}, {"three", 5}};
  SHOW("lseek 0", lseek(fd, 0, SEEK_SET));
  SHOW("writev", writev(fd, out, 3));
  char b1[5] = {0}, b2[5] = {0};
  struct iovec in[2] = {{b1, 4}, {b2, 4}};
  SHOW("preadv 8@0", preadv(fd, in, 2, 0));
  printf("preadv: [%s][%s]\n", b1, b2);
  struct iovec pout[2] = {{"X", 1}, {"Y", 1}};
  SHOW("pwritev 2@1", pwritev(fd, pout, 2, 1));
  SHOW("lseek 0 again", lseek(fd, 0, SEEK_SET));
  memset(b1, 0, sizeof b1);
  memset(b2, 0, sizeof b2);
  SHOW("readv", readv(fd, in, 2));
  printf("readv: [%s][%s]\n", b1, b2);
  SHOW("writev negative count", writev(fd, out, -1));

  /* lseek */
  SHOW("lseek end", lseek(fd, 0, SEEK_END));
  SHOW("lseek end-3", lseek(fd, -3, SEEK_END));
  SHOW("lseek cur+1", lseek(fd, 1, SEEK_CUR));
  SHOW("lseek before start", lseek(fd, -100, SEEK_CUR));
  SHOW("lseek bad whence", lseek(fd, 0, 42));
  SHOW("lseek past end", lseek(fd, 100, SEEK_SET));

  /* ftruncate / truncate */
  SHOW("ftruncate 4", ftruncate(fd, 4));
  printf("size: %ld\n", file_size(at("a.txt")));
  SHOW("ftruncate grow 4096", ftruncate(fd, 4096));
  printf("size: %ld\n", file_size(at("a.txt")));
  SHOW("ftruncate negative", ftruncate(fd, -1));
  SHOW("truncate 3", truncate(at("a.txt"), 3));
  printf("size: %ld\n", file_size(at("a.txt")));
  SHOW("truncate missing", truncate(at("missing"), 0));
  SHOW("truncate negative", truncate(at("a.txt"), -5));
  SHOW("fsync", fsync(fd));
  SHOW("fdatasync", fdatasync(fd));
  printf("posix_fallocate: %s\n", errname(posix_fallocate(fd, 0, 100)));
  printf("size: %ld\n", file_size(at("a.txt")));
  printf("posix_fallocate bad len: %s\n", errname(posix_fallocate(fd, 0, 0)));
  printf("posix_fadvise: %s\n", errname(posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)));
  printf("posix_fadvise bad advice: %s\n", errname(posix_fadvise(fd, 0, 0, 999)));
  SHOW("close", close(fd));
  SHOW("close again", close(fd));
  SHOW("fsync closed", fsync(fd));
  SHOW("ftruncate closed", ftruncate(fd, 0));
  SHOW("write closed", write(fd, "x", 1));
  SHOW("lseek closed", lseek(fd, 0, SEEK_SET));

  /* creat: O_WRONLY | O_CREAT | O_TRUNC */
  fd = creat(at("c.txt"), 0644);
  REQUIRE(fd >= 0);
  SHOW("write c", write(fd, "creat", 5));
  SHOW("read from creat fd", read(fd, buf, 1));
  close(fd);
  fd = creat(at("c.txt"), 0644);
  close(fd);
  printf("creat truncates: size %ld\n", file_size(at("c.txt")));

  /* read-only descriptor refuses writes */
  fd = open(at("a.txt"), O_RDONLY);
  SHOW("write on read-only", write(fd, "x", 1));
  SHOW("ftruncate read-only", ftruncate(fd, 0));
  close(fd);

  /* directories and other flags */
  SHOW("mkdir d", mkdir(at("d"), 0755));
  SHOW("open file O_DIRECTORY", open(at("a.txt"), O_RDONLY | O_DIRECTORY));
  int dfd = open(at("d"), O_RDONLY | O_DIRECTORY);
  REQUIRE(dfd >= 0);
  SHOW("write dir", write(dfd, "x", 1));
  SHOW("open dir O_RDWR", open(at("d"), O_RDWR));
  /* openat relative to a directory descriptor */
  fd = openat(dfd, "inner.txt", O_CREAT | O_RDWR, 0644);
  REQUIRE(fd >= 0);
  SHOW("write inner", write(fd, "inside", 6));
  close(fd);
  show_file("inner via path", at("d/inner.txt"));
  SHOW("openat missing", openat(dfd, "nope", O_RDONLY));
  SHOW("openat bad dirfd", openat(-5, "nope", O_RDONLY));
  fd = openat(AT_FDCWD, at("d/inner.txt"), O_RDONLY);
  SHOW("openat AT_FDCWD absolute", fd >= 0 ? 0 : -1);
  close(fd);
  close(dfd);

  /* O_NOFOLLOW on a symlink */
  SHOW("symlink", symlink("a.txt", at("link")));
  SHOW("open via link", (fd = open(at("link"), O_RDONLY)) >= 0 ? 0 : -1);
  if (fd >= 0) close(fd);
  SHOW("open link O_NOFOLLOW", open(at("link"), O_RDONLY | O_NOFOLLOW));

  /* trailing slashes */
  SHOW("open file/", open(at("a.txt/"), O_RDONLY));
  SHOW("open missing/ creat", open(at("newdir/"), O_CREAT | O_WRONLY, 0644));
  SHOW("open missing dir/file", open(at("nodir/file"), O_CREAT | O_WRONLY, 0644));
  SHOW("open empty path", open("", O_RDONLY));

  /* freopen moves a new descriptor onto the stream's number */
  FILE* f = fopen(at("first.txt"), "w");
  REQUIRE(f != NULL);
  f = freopen(at("second.txt"), "w", f);
  REQUIRE(f != NULL);
  fputs("via freopen", f);
  fclose(f);
  show_file("second after freopen", at("second.txt"));
  show_file("first after freopen", at("first.txt"));
  return 0;
}
