// getlogin and getlogin_r: the instance's one user (internal/users.cpp).
#include <string.h>
#include <unistd.h>

#include "shim.h"

using namespace wasishim::shim;

extern "C" {

char* getlogin(void) { return const_cast<char*>(user_name()); }
int getlogin_r(char* buf, size_t size) {
  const char* name = user_name();
  const size_t n = strlen(name) + 1;
  if (n > size) return ERANGE;
  memcpy(buf, name, n);
  return 0;
}

}  // extern "C"
