/* Where mmap-emu deliberately differs from Linux (docs/mmap.md): PROT_EXEC
 * is refused with ENOTSUP, MAP_FIXED outside the emulation's own pages fails
 * with ENOMEM, protection is not enforced, and the page size is 4096. */
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "guest_test.h"
#include "wasishim/page_size.h"

static char not_mapped[3 * 4096];

int main(int argc, char** argv) {
  SHOW("mmap PROT_EXEC",
       mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED ? -1 : 0);
  char* m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(m != MAP_FAILED);
  SHOW("mprotect PROT_EXEC", mprotect(m, 4096, PROT_READ | PROT_EXEC));
  /* A page-aligned address in the program's data, not the emulation's. */
  char* data = (char*)(((uintptr_t)not_mapped + 4095) & ~(uintptr_t)4095);
  SHOW("MAP_FIXED outside the region",
       mmap(data, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED ? -1 : 0);
  SHOW("WASISHIM_PAGE_SIZE", WASISHIM_PAGE_SIZE);
  SHOW("__wasishim_page_size()", __wasishim_page_size());
  SHOW("getpagesize()", getpagesize());
  SHOW("mapping alignment", (long)((uintptr_t)m % 4096));
  SHOW("munmap", munmap(m, 4096));

  /* Protection is not enforced: a store into a read-only shared mapping
   * (SIGSEGV on Linux) changes only the program's view, never the file. */
  REQUIRE(argc > 1);
  char path[512];
  snprintf(path, sizeof path, "%s/readonly.bin", argv[1]);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0 && write(fd, "aaaa", 4) == 4);
  char* ro = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
  REQUIRE(ro != MAP_FAILED);
  ro[0] = 'Z';
  printf("view after the store: %c\n", ro[0]);
  SHOW("munmap read-only", munmap(ro, 4096));
  char got = 0;
  SHOW("pread", pread(fd, &got, 1, 0));
  printf("file: %c\n", got);
  SHOW("close", close(fd));
  return 0;
}
