/* Guarded calls into AOT-compiled code (aot_guard.c). */
#ifndef WASISHIM_AOT_GUARD_H
#define WASISHIM_AOT_GUARD_H

#ifdef __cplusplus
extern "C" {
#endif

/* Runs fn(arg); returns 0 if it returned, or the trap code it unwound with
 * (a wasm_rt_trap_t value, WASISHIM_AOT_STOP or WASISHIM_AOT_OUT_OF_MEMORY),
 * and then the address in compiled code where it happened through
 * `*trap_pc` (null if unknown; `trap_pc` may be null). Nests: a trap unwinds
 * to the innermost guarded call. */
int wasishim_aot_guarded(void (*fn)(void*), void* arg, const void** trap_pc);

/* Unwinds to the innermost guarded call of this thread. */
__attribute__((noreturn)) void wasishim_aot_trap(int code, const void* pc);

/* Bracket host code run from an import, so a fault there is not taken for
 * the guest's. */
void wasishim_aot_enter_host(void);
void wasishim_aot_leave_host(void);

#ifdef __cplusplus
}
#endif

#endif
