/* wasishim: <setjmp.h> (Debian's wasi-libc has none).
 *
 * clang lowers setjmp and longjmp to wasm exception handling when given
 * -mllvm -wasm-enable-sjlj, which wasishim-cc and the CMake toolchain file
 * pass on every compile: setjmp records where to resume, longjmp throws, and
 * the function that called setjmp catches and resumes there. The runtime half
 * is the shim's (libc-shim/src/setjmp/setjmp.cpp). The host must run wasm exception
 * handling: wasishim's interpreter and AOT engines and Node do. See
 * docs/porting.md. */
#ifndef WASISHIM_OVERLAY_SETJMP_H
#define WASISHIM_OVERLAY_SETJMP_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct __jmp_buf_tag {
  /* The compiler runtime's words: the setjmp's function invocation and
   * label, and longjmp's arguments while they are being thrown. */
  void* __sjlj[4];
  /* sigsetjmp's saved signal mask, and whether it was saved. */
  unsigned long long __saved_mask;
  unsigned int __mask_state;
} jmp_buf[1];
typedef jmp_buf sigjmp_buf;

/* The compiler recognises setjmp, _setjmp, longjmp and _longjmp by name and
 * replaces every call; they have no definition of their own. */
int setjmp(jmp_buf) __attribute__((__returns_twice__));
int _setjmp(jmp_buf) __attribute__((__returns_twice__));
__attribute__((__noreturn__)) void longjmp(jmp_buf, int);
__attribute__((__noreturn__)) void _longjmp(jmp_buf, int);

/* sigsetjmp records the signal mask when `savemask` is nonzero, then is
 * setjmp; a longjmp or siglongjmp to that buffer restores the mask. */
void __wasishim_sigsetjmp_mask(sigjmp_buf, int);
#define sigsetjmp(env, savemask) (__wasishim_sigsetjmp_mask((env), (savemask)), setjmp(env))
__attribute__((__noreturn__)) void siglongjmp(sigjmp_buf, int);

#ifdef __cplusplus
}
#endif
#endif
