/* A read-only preopen behaves as a read-only mount does on Linux: opening for
 * writing, truncating or creating fails with EROFS (EISDIR for a directory),
 * access(W_OK) says EROFS, and reading still works. Linux, with the sandbox
 * bind-mounted read-only, is the oracle.
 * wasishim-test: native
 * wasishim-test: read-only-sandbox
 * wasishim-test: fixture read_only_preopen.fixture */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "guest_test.h"

static char path_buf[4096];
static const char* at(const char* root, const char* rel) {
  snprintf(path_buf, sizeof path_buf, "%s/%s", root, rel);
  return path_buf;
}

static void try_open(const char* label, const char* path, int flags) {
  errno = 0;
  int fd = open(path, flags, 0644);
  if (fd >= 0) {
    printf("%s: ok\n", label);
    close(fd);
  } else {
    printf("%s: %s\n", label, errname(errno));
  }
}

static void try_fopen(const char* label, const char* path, const char* mode) {
  errno = 0;
  FILE* f = fopen(path, mode);
  if (f) {
    printf("%s: ok\n", label);
    fclose(f);
  } else {
    printf("%s: %s\n", label, errname(errno));
  }
}

int main(int argc, char** argv) {
  REQUIRE(argc > 1);
  const char* root = argv[1];
  try_open("open f rdonly", at(root, "f"), O_RDONLY);
  try_open("open f wronly", at(root, "f"), O_WRONLY);
  try_open("open f rdwr", at(root, "f"), O_RDWR);
  try_open("open f wronly append", at(root, "f"), O_WRONLY | O_APPEND);
  try_open("open f rdonly trunc", at(root, "f"), O_RDONLY | O_TRUNC);
  try_open("open f rdonly creat", at(root, "f"), O_RDONLY | O_CREAT);
  try_open("open f rdwr creat", at(root, "f"), O_RDWR | O_CREAT);
  try_open("open f creat excl", at(root, "f"), O_WRONLY | O_CREAT | O_EXCL);
  try_open("open new creat", at(root, "new"), O_WRONLY | O_CREAT);
  try_open("open new rdonly creat", at(root, "new"), O_RDONLY | O_CREAT);
  try_open("open new creat excl", at(root, "new"), O_RDWR | O_CREAT | O_EXCL);
  try_open("open new wronly", at(root, "new"), O_WRONLY);
  try_open("open missing/new creat", at(root, "missing/new"), O_WRONLY | O_CREAT);
  try_open("open f/new creat", at(root, "f/new"), O_WRONLY | O_CREAT);
  try_open("open d/inner rdwr", at(root, "d/inner"), O_RDWR);
  try_open("open d rdonly", at(root, "d"), O_RDONLY | O_DIRECTORY);
  try_open("open d rdwr", at(root, "d"), O_RDWR);
  try_open("open d wronly creat", at(root, "d"), O_WRONLY | O_CREAT);
  SHOW("creat new", creat(at(root, "new2"), 0644));

  SHOW("access f F_OK", access(at(root, "f"), F_OK));
  SHOW("access f R_OK", access(at(root, "f"), R_OK));
  SHOW("access f W_OK", access(at(root, "f"), W_OK));
  SHOW("access f R_OK|W_OK", access(at(root, "f"), R_OK | W_OK));
  SHOW("access d W_OK", access(at(root, "d"), W_OK));
  SHOW("access missing W_OK", access(at(root, "missing"), W_OK));
  SHOW("faccessat d/inner W_OK", faccessat(AT_FDCWD, at(root, "d/inner"), W_OK, 0));

  try_fopen("fopen f r", at(root, "f"), "r");
  try_fopen("fopen f r+", at(root, "f"), "r+");
  try_fopen("fopen f w", at(root, "f"), "w");
  try_fopen("fopen f a", at(root, "f"), "a");
  try_fopen("fopen new w", at(root, "new"), "w");

  /* Reading is unaffected, and nothing above changed the file. */
  char buf[64] = {0};
  int fd = open(at(root, "f"), O_RDONLY);
  REQUIRE(fd >= 0);
  ssize_t n = read(fd, buf, sizeof buf - 1);
  printf("read f: %ld '%.*s'\n", (long)n, n > 0 ? (int)n - 1 : 0, buf);
  close(fd);
  return 0;
}
