// The runtime half of setjmp/longjmp on wasm exception handling. With
// -mllvm -wasm-enable-sjlj, clang rewrites a function that calls setjmp: the
// setjmp call becomes __wasm_setjmp(env, label, invocation), which records
// which invocation of which function and which resume point the buffer
// belongs to, and every call that might longjmp is wrapped in a try that
// catches the C longjmp tag, asks __wasm_setjmp_test whether the buffer is
// its own and resumes there, or rethrows. longjmp becomes __wasm_longjmp,
// which throws the buffer and value. This file is compiled with
// -mexception-handling and the same option, so it defines the tag
// (__c_longjmp) that clang's output refers to.
#include <stdint.h>

#include <setjmp.h>

namespace {

struct longjmp_args {
  void* env;
  int value;
};

// The layout of __jmp_buf_tag::__sjlj.
struct sjlj_words {
  void* invocation;
  uintptr_t label;
  longjmp_args args;
};
static_assert(sizeof(sjlj_words) <= sizeof(static_cast<__jmp_buf_tag*>(nullptr)->__sjlj));

// __mask_state values. A buffer the program never passed to sigsetjmp holds
// anything, so "prepared" is a value unlikely to be there by accident, and
// __wasm_setjmp turns it into "saved" or clears it.
constexpr unsigned kMaskPrepared = 0x5349474du;  // "SIGM"
constexpr unsigned kMaskSaved = 1;

sjlj_words* words(void* env) { return reinterpret_cast<sjlj_words*>(static_cast<__jmp_buf_tag*>(env)->__sjlj); }

}  // namespace

extern "C" {

// The signal mask, kept by signal.cpp: weak, so a program that never touches
// signals does not link it (its mask is then always empty).
__attribute__((weak)) unsigned long long __wasishim_sigmask_bits(void);
__attribute__((weak)) void __wasishim_restore_sigmask(unsigned long long mask);

// sigsetjmp's first half (<setjmp.h> makes sigsetjmp this, then setjmp).
void __wasishim_sigsetjmp_mask(sigjmp_buf env, int savemask) {
  env->__mask_state = savemask ? kMaskPrepared : 0;
  env->__saved_mask =
      savemask && &__wasishim_sigmask_bits != nullptr ? __wasishim_sigmask_bits() : 0;
}

void __wasm_setjmp(void* env, uint32_t label, void* invocation) {
  auto* buf = static_cast<__jmp_buf_tag*>(env);
  words(env)->invocation = invocation;
  words(env)->label = label;
  buf->__mask_state = buf->__mask_state == kMaskPrepared ? kMaskSaved : 0;
}

uint32_t __wasm_setjmp_test(void* env, void* invocation) {
  return words(env)->invocation == invocation ? static_cast<uint32_t>(words(env)->label) : 0;
}

__attribute__((noreturn)) void __wasm_longjmp(void* env, int value) {
  auto* buf = static_cast<__jmp_buf_tag*>(env);
  if (buf->__mask_state == kMaskSaved && &__wasishim_restore_sigmask != nullptr) {
    __wasishim_restore_sigmask(buf->__saved_mask);
  }
  longjmp_args* args = &words(env)->args;
  args->env = env;
  args->value = value != 0 ? value : 1;  // longjmp(env, 0) makes setjmp return 1
  __builtin_wasm_throw(1, args);         // tag 1: the C longjmp tag
}

void siglongjmp(sigjmp_buf env, int value) { __wasm_longjmp(env, value); }

}  // extern "C"
