/* The C ABI between the host and a module compiled ahead of time.
 *
 * A compiled module is a shared object that exports one symbol,
 * WASISHIM_AOT_ENTRY, describing it. The host needs no per-module code: it
 * finds exports by index in `export_names` and calls them with raw 64-bit
 * values. Imports go the other way, directly: at instantiation the host hands
 * the object one C function per import (`imports[i]` for import i, chosen
 * then: the plain WASI function, or a checking one when tracing, a policy
 * stub or crash testing asks for it), and the generated glue calls it with
 * the host's context, the memory's base and size, and the import's own
 * arguments:
 *
 *   uint32_t fn(void* host_ctx, uint8_t* mem, uint64_t mem_size, <params>);
 *
 * returning the WASI errno, or WASISHIM_AOT_STOP_RESULT when the guest must
 * stop (proc_exit), after which the glue unwinds with trap(WASISHIM_AOT_STOP).
 *
 * This text is also compiled into every object, so both sides always agree
 * on it; WASISHIM_AOT_ABI changes whenever the layout does, and the host
 * refuses an object built for another.
 *
 * Plain C99, no wasm2c types. */
#ifndef WASISHIM_AOT_ABI_H
#define WASISHIM_AOT_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WASISHIM_AOT_ABI 2
#define WASISHIM_AOT_ENTRY "wasishim_aot_module_v2"

/* Trap codes passed to `trap`: wasm2c's wasm_rt_trap_t values (1..8), plus the
 * host's own. */
#define WASISHIM_AOT_STOP 0x100        /* proc_exit: not a trap, a clean stop */
#define WASISHIM_AOT_OUT_OF_MEMORY 0x101 /* linear memory could not be reserved */

/* What an import returns to make the guest stop (not a WASI errno). */
#define WASISHIM_AOT_STOP_RESULT 0xffffu

struct wasishim_aot_host {
  uint32_t abi;
  /* Unwinds to the host's innermost guarded call; never returns. `pc` is an
   * address inside the code that trapped (null if unknown), so the host can
   * name the guest function. */
  void (*trap)(int code, const void* pc);
};

struct wasishim_aot_module {
  uint32_t abi;
  const char* key;          /* the cache key the object was built for */
  const uint8_t* wasm;      /* the module itself when embedded (wasishim compile), else null */
  uint64_t wasm_size;
  uint32_t export_count;    /* function exports only */
  const char* const* export_names;
  /* The C symbols of the module's defined functions in index order, each
   * ending in NUL, for naming the function a trap happened in; `func_base` is
   * the index of the first (the number of imported functions). */
  uint32_t func_count;
  uint32_t func_base;
  const char* func_symbols;
  /* Once per process, before anything else. */
  void (*init)(const struct wasishim_aot_host* host);
  /* Allocates an instance bound to `host_ctx` and `imports` (which must
   * outlive it); null through `*out` when out of memory. Runs
   * data/element initialisation and any start function, so the host calls it
   * inside a guarded call; `*out` is set before any of that runs, so a
   * trapping instantiation can still be freed. */
  void (*instantiate)(void* host_ctx, void* const* imports, void** out);
  /* Calls function export `index`; args/results as raw bits, low bits first. */
  void (*call)(void* instance, uint32_t index, const uint64_t* args, uint64_t* results);
  /* The exported memory: base address, size in bytes through `*size`. */
  uint8_t* (*memory)(void* instance, uint64_t* size);
  void (*free_instance)(void* instance);
  /* Frees what init allocated; the host calls it before it unloads the
   * object, once no instance is left. */
  void (*release)(void);
};

#ifdef __cplusplus
}
#endif

#endif /* WASISHIM_AOT_ABI_H */
