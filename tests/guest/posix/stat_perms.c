/* Metadata and permissions through the shim: stat/lstat/fstat/fstatat,
 * access/faccessat, utimensat/futimens/utimes, and umask, chmod, fchmod,
 * fchmodat as seen through st_mode. Linux is the oracle (the native test
 * runs with the umask it sets itself).
 * wasishim-test: native */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "guest_test.h"

static void show_stat(const char* label, int r, const struct stat* st) {
  if (r != 0) {
    printf("%s: -1 %s\n", label, errname(errno));
    return;
  }
  const char* type = S_ISREG(st->st_mode) ? "file" : S_ISDIR(st->st_mode) ? "dir" : S_ISLNK(st->st_mode) ? "link" : "other";
  if (S_ISDIR(st->st_mode))
    printf("%s: %s mode %03o\n", label, type, (unsigned)(st->st_mode & 0777));
  else
    printf("%s: %s mode %03o size %lld nlink %ld\n", label, type, (unsigned)(st->st_mode & 0777),
           (long long)st->st_size, (long)st->st_nlink);
}

#define STAT(label, call)            \
  do {                               \
    struct stat st_;                 \
    memset(&st_, 0, sizeof st_);     \
    errno = 0;                       \
    int r_ = (call);                 \
    show_stat(label, r_, &st_);      \
  } while (0)

static long mtime_of(const char* path) {
  struct stat st;
  return stat(path, &st) == 0 ? (long)st.st_mtime : -1;
}

int main(int argc, char** argv) {
  REQUIRE(argc >= 2);
  REQUIRE(chdir(argv[1]) == 0);
  umask(022);
  SHOW("umask returns previous", umask(022));

  int fd = open("f", O_CREAT | O_RDWR, 0666);
  REQUIRE(fd >= 0);
  REQUIRE(write(fd, "twelve bytes", 12) == 12);
  STAT("stat f", stat("f", &st_));
  STAT("fstat f", fstat(fd, &st_));
  SHOW("mkdir d 0777", mkdir("d", 0777));
  STAT("stat d", stat("d", &st_));
  SHOW("symlink", symlink("f", "l"));
  STAT("lstat l", lstat("l", &st_));
  STAT("stat l", stat("l", &st_));
  STAT("fstatat l nofollow", fstatat(AT_FDCWD, "l", &st_, AT_SYMLINK_NOFOLLOW));
  int dfd = open("d", O_RDONLY | O_DIRECTORY);
  STAT("fstatat relative to dir", fstatat(dfd, "../f", &st_, 0));
  STAT("stat missing", stat("missing", &st_));
  STAT("stat f/", stat("f/", &st_));
  STAT("fstat bad fd", fstat(99, &st_));
  SHOW("link", link("f", "f2"));
  STAT("stat f after link", stat("f", &st_));

  /* umask applies to what the program creates */
  SHOW("umask 077", umask(077));
  int g = open("g", O_CREAT | O_WRONLY, 0666);
  close(g);
  STAT("stat g", stat("g", &st_));
  SHOW("mkdir d2 0777", mkdir("d2", 0777));
  STAT("stat d2", stat("d2", &st_));
  SHOW("umask back", umask(022));
  g = open("g", O_CREAT | O_WRONLY, 0666); /* exists: mode unchanged */
  close(g);
  STAT("stat g reopened", stat("g", &st_));

  /* chmod family */
  SHOW("chmod f 0640", chmod("f", 0640));
  STAT("stat f", stat("f", &st_));
  STAT("stat f2 (same file)", stat("f2", &st_));
  SHOW("fchmod 0600", fchmod(fd, 0600));
  STAT("fstat f", fstat(fd, &st_));
  SHOW("chmod via link", chmod("l", 0604));
  STAT("stat f", stat("f", &st_));
  SHOW("fchmodat", fchmodat(dfd, "../g", 0700, 0));
  STAT("stat g", stat("g", &st_));
  SHOW("chmod dir 0700", chmod("d", 0700));
  STAT("stat d", stat("d", &st_));
  SHOW("chmod missing", chmod("missing", 0600));
  SHOW("fchmod bad fd", fchmod(99, 0600));

  /* access */
  SHOW("access F_OK", access("f", F_OK));
  SHOW("access R_OK|W_OK", access("f", R_OK | W_OK));
  SHOW("access X_OK on 0600 file", access("f", X_OK));
  SHOW("access X_OK on 0700 file", access("g", X_OK));
  SHOW("access X_OK on dir", access("d", X_OK));
  SHOW("access missing", access("missing", F_OK));
  SHOW("access bad mode", access("f", 0100));
  SHOW("faccessat", faccessat(dfd, "../f", R_OK, 0));
  SHOW("access dangling", (symlink("nowhere", "dangling"), access("dangling", F_OK)));

  /* times */
  struct timespec ts[2] = {{1000000000, 0}, {1200000000, 500}};
  SHOW("utimensat", utimensat(AT_FDCWD, "f", ts, 0));
  printf("mtime: %ld\n", mtime_of("f"));
  struct stat st;
  stat("f", &st);
  printf("atime: %ld\n", (long)st.st_atime);
  struct timespec omit[2] = {{0, UTIME_OMIT}, {1300000000, 0}};
  SHOW("utimensat omit atime", utimensat(AT_FDCWD, "f", omit, 0));
  stat("f", &st);
  printf("atime kept: %ld mtime: %ld\n", (long)st.st_atime, (long)st.st_mtime);
  struct timespec ft[2] = {{1400000000, 0}, {1400000001, 0}};
  SHOW("futimens", futimens(fd, ft));
  printf("mtime: %ld\n", mtime_of("f"));
  struct timeval tv[2] = {{1500000000, 0}, {1500000002, 0}};
  SHOW("utimes", utimes("f", tv));
  printf("mtime: %ld\n", mtime_of("f"));
  struct utimbuf ub = {1600000000, 1600000003};
  SHOW("utime", utime("f", &ub));
  printf("mtime: %ld\n", mtime_of("f"));
  SHOW("utimensat now", utimensat(AT_FDCWD, "f", NULL, 0));
  printf("mtime recent: %d\n", mtime_of("f") > 1700000000);
  struct timespec bad[2] = {{0, 2000000000}, {0, 0}};
  SHOW("utimensat bad nsec", utimensat(AT_FDCWD, "f", bad, 0));
  SHOW("utimensat missing", utimensat(AT_FDCWD, "missing", ts, 0));
  SHOW("utimensat nofollow on link", utimensat(AT_FDCWD, "l", ts, AT_SYMLINK_NOFOLLOW));
  struct stat lst;
  lstat("l", &lst);
  printf("link mtime: %ld\n", (long)lst.st_mtime);
  close(dfd);
  close(fd);
  return 0;
}
