#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  FILE* f = fopen(argv[1], "r");
  if (!f) {
    perror(argv[1]);
    return 1;
  }
  char line[256];
  if (!fgets(line, sizeof line, f)) return 1;
  fclose(f);
  const char* greeting = getenv("CHECKS_GREETING");
  char cwd[4096];
  if (!getcwd(cwd, sizeof cwd)) return 1;
  printf("%s%s\ncwd=%s\n", line, greeting ? greeting : "(no CHECKS_GREETING)", cwd);
  return 0;
}
