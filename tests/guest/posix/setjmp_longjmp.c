/* setjmp/longjmp as interpreters (Lua's pcall/error), test frameworks and
 * libpng-style error handling use them: across frames, through functions
 * with their own setjmp, out of nested protected calls that returned
 * normally, several resume points in one function, and many times over.
 * Linux is the oracle.
 * wasishim-test: native */
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

static jmp_buf top;

static void deep(int n, int value) {
  if (n <= 0) longjmp(top, value);
  if (n > 100000) return;
  deep(n - 1, value);
  printf("never: deep returned\n");
}

/* A protected call in the style of Lua's luaD_rawrunprotected. */
struct handler {
  jmp_buf buf;
  struct handler* prev;
};
static struct handler* current;

static int pcall(void (*f)(int), int arg) {
  struct handler h;
  h.prev = current;
  current = &h;
  int status = setjmp(h.buf);
  if (status == 0) f(arg);
  current = h.prev;
  return status;
}

static void raise_error(int code) { longjmp(current->buf, code); }
static void returns(int x) { (void)x; }
static void fails(int x) { raise_error(x); }

/* Raises an error from `n` calls down, so the frames of protected calls
 * that have returned are overwritten by the time it is thrown. */
static void error_from_depth(int n, int code) {
  if (n <= 0) raise_error(code);
  if (n > 100000) return;
  error_from_depth(n - 1, code);
  printf("never: error_from_depth returned\n");
}

/* Protected calls that fail and that return normally, then an error: the
 * error must reach the outer protected call, not a finished inner one. */
static int verbose = 1;
static void inner_then_fail(int x) {
  int b = pcall(fails, x + 1);
  int a = pcall(returns, 0);
  if (verbose) printf("  inner statuses %d %d\n", b, a);
  error_from_depth(50, x);
}

/* A function with its own setjmp that a longjmp to an outer buffer passes
 * through. */
static void own_setjmp_passthrough(int value) {
  jmp_buf mine;
  if (setjmp(mine) == 0) deep(5, value);
  printf("  never: own buffer taken\n");
}

/* libpng style: the buffer lives in a structure; the error comes from a
 * callback through a function pointer. */
struct png_like {
  jmp_buf jmpbuf;
  void (*error_fn)(struct png_like*, const char*);
  char message[32];
};
static void png_error(struct png_like* p, const char* msg) {
  snprintf(p->message, sizeof p->message, "%s", msg);
  longjmp(p->jmpbuf, 1);
}
static int png_read(struct png_like* p, int bad) {
  if (setjmp(p->jmpbuf)) return -1;
  if (bad) p->error_fn(p, "bad chunk");
  return 0;
}

/* Two resume points in one function. */
static int two_points(int which) {
  jmp_buf a, b;
  volatile int trail = 0;
  if (setjmp(a)) {
    trail = trail * 10 + 1;
    return trail;
  }
  if (setjmp(b)) {
    trail = trail * 10 + 2;
    if (which == 2) longjmp(a, 1);
    return trail;
  }
  trail = 9;
  longjmp(which == 1 ? a : b, 1);
}

int main(void) {
  volatile int counter = 0;
  int r = setjmp(top);
  counter++;
  if (r == 0) longjmp(top, 42);
  printf("longjmp 42 returned %d after %d setjmp returns\n", r, counter);

  r = setjmp(top);
  if (r == 0) longjmp(top, 0);
  printf("longjmp 0 makes setjmp return %d\n", r);

  r = setjmp(top);
  if (r == 0) deep(200, 7);
  printf("from 200 frames down: %d\n", r);

  r = setjmp(top);
  if (r == 0) own_setjmp_passthrough(9);
  printf("through a frame with its own setjmp: %d\n", r);

  printf("pcall returns: %d\n", pcall(returns, 0));
  printf("pcall error: %d\n", pcall(fails, 5));
  printf("pcall nested:\n");
  printf("  outer status %d\n", pcall(inner_then_fail, 30));

  long sum = 0;
  verbose = 0;
  for (int i = 0; i < 2000; i++) {
    sum += pcall(returns, i);
    sum += pcall(fails, i % 7 + 1);
    sum += pcall(inner_then_fail, i % 5 + 1) == i % 5 + 1;
  }
  printf("2000 rounds: sum %ld\n", sum);

  struct png_like p;
  memset(&p, 0, sizeof p);
  p.error_fn = png_error;
  printf("png good %d\n", png_read(&p, 0));
  printf("png bad %d (%s)\n", png_read(&p, 1), p.message);

  printf("two points: %d %d\n", two_points(1), two_points(2));

  sigjmp_buf sb;
  r = sigsetjmp(sb, 1);
  if (r == 0) siglongjmp(sb, 3);
  printf("sigsetjmp/siglongjmp: %d\n", r);
  r = _setjmp(top);
  if (r == 0) _longjmp(top, 4);
  printf("_setjmp/_longjmp: %d\n", r);
  return 0;
}
