/* Guarded calls into AOT-compiled guest code, and the process's one handler
 * for the faults such code raises on purpose.
 *
 * Compiled guest code does no bounds checks: each linear memory sits in an
 * 8 GiB PROT_NONE reservation, so a stray access faults, and deep recursion
 * runs into the stack's guard. The handler turns such a fault into a trap only
 * while the faulting thread is running guest code (inside a guarded call and
 * not inside a host import); any other fault is a host bug and goes to the
 * handler installed before this one, or crashes as it would have.
 *
 * C, not C++: a trap unwinds with siglongjmp, which must not skip C++ frames. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* REG_RIP: where a fault happened, to name the guest function */
#endif
#include "engine/aot_guard.h"

#include <pthread.h>
#include <setjmp.h>
#include <ucontext.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "engine/aot_abi.h"

struct guard {
  sigjmp_buf unwind;
  const void* volatile trap_pc;
  volatile int in_host;
  const char* stack_top; /* the guarded call's frame: the guest stack grows down from here */
  struct guard* outer;
};

static __thread struct guard* current;
static __thread int has_alt_stack;

static struct sigaction previous_segv, previous_bus;
static pthread_once_t handler_once = PTHREAD_ONCE_INIT;

/* wasm_rt_trap_t values, from wasm-rt.h; the host maps them to names. */
enum { TRAP_OOB = 1, TRAP_EXHAUSTION = 8 };

/* Deeper than this below the guarded call's frame is the guest stack. */
#define STACK_WINDOW ((size_t)1 << 30)

static void on_fault(int sig, siginfo_t* info, void* context) {
  struct guard* g = current;
  if (g && !g->in_host) {
    const char* addr = (const char*)info->si_addr;
    int code = addr <= g->stack_top && (size_t)(g->stack_top - addr) < STACK_WINDOW
                   ? TRAP_EXHAUSTION
                   : TRAP_OOB;
#if defined(__x86_64__)
    g->trap_pc = (const void*)((ucontext_t*)context)->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
    g->trap_pc = (const void*)((ucontext_t*)context)->uc_mcontext.pc;
#endif
    siglongjmp(g->unwind, code);
  }
  const struct sigaction* prev = sig == SIGSEGV ? &previous_segv : &previous_bus;
  if ((prev->sa_flags & SA_SIGINFO) && prev->sa_sigaction) {
    prev->sa_sigaction(sig, info, context);
    return;
  }
  if (prev->sa_handler != SIG_DFL && prev->sa_handler != SIG_IGN) {
    prev->sa_handler(sig);
    return;
  }
  /* Returning re-runs the faulting instruction, which now crashes the
   * process the ordinary way (core dump, status 139). */
  signal(sig, SIG_DFL);
}

static void install_handler(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_fault;
  /* NODEFER: the handler leaves by siglongjmp without restoring the signal
   * mask, so the signal must not be blocked while it runs. */
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGSEGV, &sa, &previous_segv);
  sigaction(SIGBUS, &sa, &previous_bus);
}

/* A guest stack overflow faults on the guard page of the thread's stack; the
 * handler then needs a stack of its own. */
static void ensure_alt_stack(void) {
  if (has_alt_stack) return;
  stack_t existing;
  if (sigaltstack(NULL, &existing) == 0 && !(existing.ss_flags & SS_DISABLE)) {
    has_alt_stack = 1;
    return;
  }
  const size_t size = 64 * 1024;
  stack_t ss;
  ss.ss_sp = malloc(size);
  ss.ss_size = size;
  ss.ss_flags = 0;
  if (ss.ss_sp && sigaltstack(&ss, NULL) == 0) has_alt_stack = 1;
}

int wasishim_aot_guarded(void (*fn)(void*), void* arg, const void** trap_pc) {
  pthread_once(&handler_once, install_handler);
  ensure_alt_stack();
  struct guard g;
  g.trap_pc = NULL;
  g.in_host = 0;
  g.stack_top = (const char*)&g;
  g.outer = current;
  int code = sigsetjmp(g.unwind, 0);
  if (code == 0) {
    current = &g;
    fn(arg);
  }
  current = g.outer;
  if (trap_pc) *trap_pc = code ? g.trap_pc : NULL;
  return code;
}

void wasishim_aot_trap(int code, const void* pc) {
  struct guard* g = current;
  if (!g) abort(); /* guest code runs only inside a guarded call */
  g->trap_pc = pc;
  siglongjmp(g->unwind, code);
}

void wasishim_aot_enter_host(void) {
  if (current) current->in_host = 1;
}

void wasishim_aot_leave_host(void) {
  if (current) current->in_host = 0;
}
