// <dlfcn.h>: a wasm32-wasi module is one static program, and preview1 has no
// way to load code into a running instance, so nothing can be opened or
// looked up. Each call fails as POSIX says a failing call does (NULL, or
// non-zero from dlclose) and leaves a message for dlerror, which returns it
// once and then NULL until the next failure, as POSIX specifies.
#include <dlfcn.h>
#include <string.h>

namespace {

constexpr char reason[] = "dynamic loading is not supported in wasm32-wasi";

char message[512];
bool message_pending = false;

// "<what>: <reason>", what truncated to fit; no stdio, so a program that
// links dlopen does not pull in printf.
void set_error(const char* what, const char* name) {
  size_t n = 0;
  auto append = [&](const char* s) {
    for (; *s != '\0' && n + 1 < sizeof message; ++s) message[n++] = *s;
  };
  append(what);
  if (name != nullptr) {
    append(" ");
    append(name);
  }
  append(": ");
  const size_t room = sizeof message - 1 - n;
  const size_t len = sizeof reason - 1 < room ? sizeof reason - 1 : room;
  memcpy(message + n, reason, len);
  message[n + len] = '\0';
  message_pending = true;
}

}  // namespace

extern "C" {

void* dlopen(const char* file, int) {
  set_error("dlopen", file != nullptr ? file : "(main program)");
  return nullptr;
}

void* dlsym(void* __restrict, const char* __restrict name) {
  set_error("dlsym", name);
  return nullptr;
}

void* dlvsym(void* __restrict, const char* __restrict name, const char* __restrict) {
  set_error("dlvsym", name);
  return nullptr;
}

// No handle was ever returned, so every handle is invalid.
int dlclose(void*) {
  set_error("dlclose", nullptr);
  return -1;
}

char* dlerror(void) {
  if (!message_pending) return nullptr;
  message_pending = false;
  return message;
}

// No address belongs to a loaded object with a symbol table: 0, and dlerror
// is left alone, as glibc's dladdr does.
int dladdr(const void*, Dl_info*) { return 0; }

}  // extern "C"
