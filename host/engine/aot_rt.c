/* The wasm2c runtime API (wasm-rt.h) as every AOT-compiled module gets it.
 *
 * This file is not built into the host: `wasishim compile` compiles it into
 * each module's shared object, after aot_abi.h. It is written here rather than
 * taken from wabt's wasm-rt-impl.c because a host process may load many
 * different modules and must stay in charge of traps: wasm-rt-impl keeps one
 * global jump buffer and installs its own SIGSEGV handler per copy, and frees
 * only the committed part of each 8 GiB memory reservation. Here a trap is
 * handed to the host, which unwinds to the guarded call it made (and owns
 * the one signal handler), and freeing a memory releases all of it.
 *
 * Built with wasm-rt.h's defaults: on 64-bit Linux the generated code does no
 * bounds checks and relies on the 8 GiB PROT_NONE reservation below. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "wasm-rt.h"
#include "wasishim_eh.h" /* aot_eh.h, written beside the generated files */

#if !WASM_RT_MEMCHECK_SIGNAL_HANDLER || WASM_RT_USE_STACK_DEPTH_COUNT
#error "wasishim's AOT runtime expects guard-page bounds checks (64-bit Linux)"
#endif

#define WASISHIM_PAGE 65536u
/* A 32-bit address plus a 32-bit offset: every access the generated code can
 * make lands inside this reservation. */
#define WASISHIM_RESERVATION 0x200000000ull

static const struct wasishim_aot_host* wasishim_host;

void wasm_rt_trap(wasm_rt_trap_t code) {
  /* The call's return address, minus one so it lies inside the calling
   * function even when the call is its last instruction. */
  wasishim_host->trap((int)code, (const char*)__builtin_return_address(0) - 1);
  abort(); /* the host never returns from trap */
}

/* Bit counts for code compiled by a C compiler without GCC's builtins: the
 * quick tier's tcc calls these instead (see aot_compile.cpp). wasm2c only
 * asks for counts of nonzero values. */
#if defined(__TINYC__)
int wasishim_clz64(uint64_t x) {
  int n = 0;
  while (!(x & 0x8000000000000000ull)) x <<= 1, ++n;
  return n;
}
int wasishim_clz32(uint32_t x) { return wasishim_clz64((uint64_t)x << 32); }
int wasishim_ctz64(uint64_t x) {
  int n = 0;
  while (!(x & 1)) x >>= 1, ++n;
  return n;
}
int wasishim_ctz32(uint32_t x) { return wasishim_ctz64(x); }
int wasishim_popcount64(uint64_t x) {
  int n = 0;
  for (; x; x &= x - 1) ++n;
  return n;
}
int wasishim_popcount32(uint32_t x) { return wasishim_popcount64(x); }
#else
int wasishim_clz32(uint32_t x) { return __builtin_clz(x); }
int wasishim_clz64(uint64_t x) { return __builtin_clzll(x); }
int wasishim_ctz32(uint32_t x) { return __builtin_ctz(x); }
int wasishim_ctz64(uint64_t x) { return __builtin_ctzll(x); }
int wasishim_popcount32(uint32_t x) { return __builtin_popcount(x); }
int wasishim_popcount64(uint64_t x) { return __builtin_popcountll(x); }
#endif

void wasm_rt_init(void) {}
bool wasm_rt_is_initialized(void) { return wasishim_host != NULL; }
void wasm_rt_free(void) {}

const char* wasm_rt_strerror(wasm_rt_trap_t trap) {
  (void)trap;
  return "trap"; /* the host names traps; see aot_engine.cpp */
}

/* Function types are compared only by call_indirect within one module (the
 * host never lets modules share tables), so each object keeps its own list. */
struct wasishim_func_type {
  uint32_t params, results;
  wasm_rt_type_t* types;
};
static struct wasishim_func_type* wasishim_types;
static uint32_t wasishim_type_count;

uint32_t wasm_rt_register_func_type(uint32_t params, uint32_t results, ...) {
  uint32_t n = params + results;
  wasm_rt_type_t* types = malloc((n ? n : 1) * sizeof *types);
  if (!types) wasm_rt_trap(WASISHIM_AOT_OUT_OF_MEMORY);
  va_list ap;
  va_start(ap, results);
  for (uint32_t i = 0; i < n; ++i) types[i] = (wasm_rt_type_t)va_arg(ap, int);
  va_end(ap);
  for (uint32_t i = 0; i < wasishim_type_count; ++i) {
    struct wasishim_func_type* t = &wasishim_types[i];
    if (t->params == params && t->results == results &&
        memcmp(t->types, types, n * sizeof *types) == 0) {
      free(types);
      return i + 1;
    }
  }
  struct wasishim_func_type* grown =
      realloc(wasishim_types, (wasishim_type_count + 1) * sizeof *grown);
  if (!grown) wasm_rt_trap(WASISHIM_AOT_OUT_OF_MEMORY);
  wasishim_types = grown;
  wasishim_types[wasishim_type_count].params = params;
  wasishim_types[wasishim_type_count].results = results;
  wasishim_types[wasishim_type_count].types = types;
  return ++wasishim_type_count;
}

/* The registry lives as long as the object is loaded: the host releases it
 * before it unloads the object (the descriptor's `release`; not a destructor,
 * which not every compiler of the quick tier registers), so loading and
 * unloading modules in one process does not leak. */
static void wasishim_release_types(void) {
  for (uint32_t i = 0; i < wasishim_type_count; ++i) free(wasishim_types[i].types);
  free(wasishim_types);
  wasishim_types = NULL;
  wasishim_type_count = 0;
}

/* Exception handling (wasm2c --enable-exceptions; aot_eh.h says how the
 * unwind targets work). One exception is in flight at a time: a throw copies
 * its payload here, and the catch that takes it reads it back. clang's tags
 * carry one pointer; a tag too large for the buffer fails to register. */
#define WASISHIM_EXCEPTION_MAX 256u
static uint32_t wasishim_tag_count;
static uint32_t wasishim_exception_tag;
static uint32_t wasishim_exception_size;
static uint8_t wasishim_exception_payload[WASISHIM_EXCEPTION_MAX];
static struct wasishim_unwind_target* wasishim_unwind_current;
/* Set between a try's start (wasm_rt_get_unwind_target, which wasm2c calls
 * only there) and its sigsetjmp returning 0 (the set that follows), so that
 * set can record the target the try began with. */
static int wasishim_try_starting;

uint32_t wasm_rt_register_tag(uint32_t size) {
  if (size > WASISHIM_EXCEPTION_MAX) wasm_rt_trap(WASM_RT_TRAP_EXHAUSTION);
  return wasishim_tag_count++;
}

void wasm_rt_load_exception(uint32_t tag, uint32_t size, const void* values) {
  if (size > WASISHIM_EXCEPTION_MAX) wasm_rt_trap(WASM_RT_TRAP_EXHAUSTION);
  wasishim_exception_tag = tag;
  wasishim_exception_size = size;
  if (size) memcpy(wasishim_exception_payload, values, size);
}

void wasm_rt_throw(void) {
  struct wasishim_unwind_target* target = wasishim_unwind_current;
  if (!target) wasm_rt_trap(WASM_RT_TRAP_UNCAUGHT_EXCEPTION);
  siglongjmp(target->jump, 1);
}

struct wasishim_unwind_target* wasishim_get_unwind_target(void) {
  wasishim_try_starting = 1;
  return wasishim_unwind_current;
}

void wasishim_set_unwind_target(struct wasishim_unwind_target* target) {
  if (wasishim_try_starting) {
    wasishim_try_starting = 0;
    if (target) target->outer = wasishim_unwind_current;
  }
  wasishim_unwind_current = target;
}

void wasishim_leave_try(void* variable) {
  struct wasishim_unwind_target* current = wasishim_unwind_current;
  if (current && (void*)current == variable) wasishim_unwind_current = current->outer;
}

/* Each entry from the host starts with no handler: after a trap (which
 * unwinds past every try) the old targets lie in frames that are gone. */
static struct wasishim_unwind_target* wasishim_enter_guest(void) {
  struct wasishim_unwind_target* outer = wasishim_unwind_current;
  wasishim_unwind_current = NULL;
  wasishim_try_starting = 0;
  return outer;
}
static void wasishim_leave_guest(struct wasishim_unwind_target* outer) {
  wasishim_unwind_current = outer;
}

uint32_t wasm_rt_exception_tag(void) { return wasishim_exception_tag; }
uint32_t wasm_rt_exception_size(void) { return wasishim_exception_size; }
void* wasm_rt_exception(void) { return wasishim_exception_payload; }

void wasm_rt_allocate_memory(wasm_rt_memory_t* memory, uint32_t initial_pages,
                             uint32_t max_pages) {
  memory->data = NULL;
  memory->pages = 0;
  memory->size = 0;
  memory->max_pages = max_pages;
  void* base = mmap(NULL, WASISHIM_RESERVATION, PROT_NONE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (base == MAP_FAILED) wasm_rt_trap(WASISHIM_AOT_OUT_OF_MEMORY);
  memory->data = base;
  uint64_t bytes = (uint64_t)initial_pages * WASISHIM_PAGE;
  if (bytes && mprotect(base, bytes, PROT_READ | PROT_WRITE) != 0) {
    wasm_rt_trap(WASISHIM_AOT_OUT_OF_MEMORY);
  }
  memory->pages = initial_pages;
  memory->size = (uint32_t)bytes; /* 4 GiB wraps to 0; the host uses pages */
}

uint32_t wasm_rt_grow_memory(wasm_rt_memory_t* memory, uint32_t delta) {
  uint32_t old_pages = memory->pages;
  uint64_t new_pages = (uint64_t)old_pages + delta;
  if (new_pages > memory->max_pages || new_pages > 65536) return (uint32_t)-1;
  if (delta) {
    uint64_t old_bytes = (uint64_t)old_pages * WASISHIM_PAGE;
    if (mprotect(memory->data + old_bytes, (uint64_t)delta * WASISHIM_PAGE,
                 PROT_READ | PROT_WRITE) != 0) {
      return (uint32_t)-1;
    }
  }
  memory->pages = (uint32_t)new_pages;
  memory->size = (uint32_t)(new_pages * WASISHIM_PAGE);
  return old_pages;
}

void wasm_rt_free_memory(wasm_rt_memory_t* memory) {
  if (memory->data) munmap(memory->data, WASISHIM_RESERVATION);
  memory->data = NULL;
  memory->pages = 0;
  memory->size = 0;
}

#define WASISHIM_TABLE_OPS(type)                                                          \
  void wasm_rt_allocate_##type##_table(wasm_rt_##type##_table_t* table, uint32_t elements, \
                                       uint32_t max_elements) {                            \
    table->size = 0;                                                                       \
    table->max_size = max_elements;                                                        \
    table->data = calloc(elements ? elements : 1, sizeof(wasm_rt_##type##_t));             \
    if (!table->data) wasm_rt_trap(WASISHIM_AOT_OUT_OF_MEMORY);                            \
    table->size = elements;                                                                \
  }                                                                                        \
  void wasm_rt_free_##type##_table(wasm_rt_##type##_table_t* table) {                     \
    free(table->data);                                                                     \
    table->data = NULL;                                                                    \
    table->size = 0;                                                                       \
  }                                                                                        \
  uint32_t wasm_rt_grow_##type##_table(wasm_rt_##type##_table_t* table, uint32_t delta,   \
                                       wasm_rt_##type##_t init) {                          \
    uint32_t old = table->size;                                                            \
    uint64_t grown = (uint64_t)old + delta;                                                \
    if (grown > table->max_size) return (uint32_t)-1;                                      \
    if (!delta) return old;                                                                \
    wasm_rt_##type##_t* data = realloc(table->data, grown * sizeof *data);                 \
    if (!data) return (uint32_t)-1;                                                        \
    for (uint64_t i = old; i < grown; ++i) data[i] = init;                                 \
    table->data = data;                                                                    \
    table->size = (uint32_t)grown;                                                         \
    return old;                                                                            \
  }

WASISHIM_TABLE_OPS(funcref)
WASISHIM_TABLE_OPS(externref)
