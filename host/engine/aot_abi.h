/* The C ABI between the host and a module compiled ahead of time.
 *
 * `wasishim compile` turns a module into a shared object that exports one
 * symbol, WASISHIM_AOT_ENTRY, describing it. The host needs no per-module
 * code: it finds exports by index in `export_names`, calls them with raw
 * 64-bit values, and receives every import call through `import_call`, the
 * same way the interpreter delivers them. This text is also compiled into
 * every object, so both sides always agree on it; WASISHIM_AOT_ABI changes
 * whenever the layout does, and the host refuses an object built for another.
 *
 * Plain C99, no wasm2c types. */
#ifndef WASISHIM_AOT_ABI_H
#define WASISHIM_AOT_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WASISHIM_AOT_ABI 1
#define WASISHIM_AOT_ENTRY "wasishim_aot_module_v1"

/* Trap codes passed to `trap`: wasm2c's wasm_rt_trap_t values (1..8), plus the
 * host's own. */
#define WASISHIM_AOT_STOP 0x100        /* proc_exit: not a trap, a clean stop */
#define WASISHIM_AOT_OUT_OF_MEMORY 0x101 /* linear memory could not be reserved */

struct wasishim_aot_host {
  uint32_t abi;
  /* Runs import `index` of the module (its position in the import section).
   * Returns 0 when the guest must stop (proc_exit), else 1 with `*result`
   * set if the import has a result. */
  int (*import_call)(void* host_ctx, uint32_t index, const uint64_t* args, uint64_t* result,
                     uint8_t* mem, uint64_t mem_size);
  /* Unwinds to the host's innermost guarded call; never returns. */
  void (*trap)(int code);
};

struct wasishim_aot_module {
  uint32_t abi;
  const char* module_hash;  /* the cache key the object was built for */
  const uint8_t* wasm;      /* the original module, so an object is self-contained */
  uint64_t wasm_size;
  uint32_t export_count;    /* function exports only */
  const char* const* export_names;
  /* Once per process, before anything else. */
  void (*init)(const struct wasishim_aot_host* host);
  /* Allocates an instance bound to `host_ctx`; returns null when out of
   * memory. Runs data/element initialisation and any start function, so the
   * host calls it inside a guarded call; `*out` is set before any of that
   * runs, so a trapping instantiation can still be freed. */
  void (*instantiate)(void* host_ctx, void** out);
  /* Calls function export `index`; args/results as raw bits, low bits first. */
  void (*call)(void* instance, uint32_t index, const uint64_t* args, uint64_t* results);
  /* The exported memory: base address, size in bytes through `*size`. */
  uint8_t* (*memory)(void* instance, uint64_t* size);
  void (*free_instance)(void* instance);
};

#ifdef __cplusplus
}
#endif

#endif /* WASISHIM_AOT_ABI_H */
