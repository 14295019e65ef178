/* Exception handling for modules compiled ahead of time: clang lowers C
 * setjmp/longjmp to wasm exceptions (-mllvm -wasm-enable-sjlj), and wasm2c
 * (--enable-exceptions) turns each `try` into a block that records an unwind
 * target with sigsetjmp and restores the previous one when the block ends or
 * catches.
 *
 * wasm2c 1.0.32 does not restore it when a branch leaves the block (br,
 * br_if, br_table or return to a label without values), which clang's code
 * does after every call that returned normally. The target would then point
 * into a block, later a frame, that no longer runs, and the next throw would
 * jump there. So each try's target becomes a variable with a cleanup, which
 * the C compiler runs however the block is left except by a longjmp (a throw
 * or a trap), and the cleanup restores the target the block began with.
 *
 * This header is force-included (-include) in every file of an object, after
 * wasm-rt.h; aot_rt.c defines the functions. Not built into the host. */
#ifndef WASISHIM_AOT_EH_H
#define WASISHIM_AOT_EH_H

#include <setjmp.h>

#include "wasm-rt.h"

struct wasishim_unwind_target {
  sigjmp_buf jump;
  struct wasishim_unwind_target* outer; /* current when this try began */
};

struct wasishim_unwind_target* wasishim_get_unwind_target(void);
void wasishim_set_unwind_target(struct wasishim_unwind_target* target);
void wasishim_leave_try(void* variable);

/* wasm2c declares two variables per try with this type: the saved outer
 * target (a pointer) and the block's own target. Both get the cleanup; only
 * the block's own target is ever current, so the pointer's is a no-op. */
#undef WASM_RT_UNWIND_TARGET
#define WASM_RT_UNWIND_TARGET \
  __attribute__((cleanup(wasishim_leave_try))) struct wasishim_unwind_target
#undef wasm_rt_try
#define wasm_rt_try(target) WASM_RT_SETJMP((target).jump)
#define wasm_rt_get_unwind_target wasishim_get_unwind_target
#define wasm_rt_set_unwind_target wasishim_set_unwind_target

#endif
