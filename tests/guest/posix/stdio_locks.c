/* flockfile, ftrylockfile, funlockfile around *_unlocked stdio calls, as Lua
 * reads files: a thread may take a FILE's lock again while it holds it
 * (ftrylockfile gives 0), and the calls in between see the stream as usual.
 * Linux is the oracle.
 * wasishim-test: native
 */
#include <stdio.h>
#include <string.h>

int main(int argc, char** argv) {
  char path[4096];
  snprintf(path, sizeof path, "%s/data.txt", argc > 1 ? argv[1] : ".");
  FILE* f = fopen(path, "w+");
  if (f == NULL) return 1;
  flockfile(f);
  printf("ftrylockfile while held: %d\n", ftrylockfile(f));
  const char* text = "locked lines\nsecond\n";
  for (const char* p = text; *p; p++) putc_unlocked(*p, f);
  funlockfile(f);
  funlockfile(f);
  rewind(f);
  flockfile(f);
  char line[64];
  size_t n = 0;
  int c;
  while ((c = getc_unlocked(f)) != EOF && c != '\n' && n < sizeof line - 1) line[n++] = (char)c;
  line[n] = '\0';
  funlockfile(f);
  printf("read back: %s\n", line);
  printf("ftrylockfile when free: %d\n", ftrylockfile(f));
  funlockfile(f);
  flockfile(stdout);
  printf("stdout locked and written\n");
  funlockfile(stdout);
  return fclose(f) == 0 ? 0 : 1;
}
