#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

// Code that picks its POSIX path by __unix__ (zstd's platform.h) must take it.
#if !defined(__unix__) || !defined(__unix)
#error "the toolchain does not predefine __unix__ and __unix"
#endif

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  char path[256];
  snprintf(path, sizeof path, "%s/consumer.txt", argv[1]);
  int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
  if (fd < 0) return 3;
  const char msg[] = "built by a wasishim consumer\n";
  if (write(fd, msg, strlen(msg)) != (ssize_t)strlen(msg)) return 4;
  close(fd);
  printf("wrote %zu bytes\n", strlen(msg));
  return 0;
}
