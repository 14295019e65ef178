// Names of signals: strsignal, psignal, psiginfo (the texts glibc uses).
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "signals.h"

namespace {

const char* const names[] = {
    nullptr,
    "Hangup",
    "Interrupt",
    "Quit",
    "Illegal instruction",
    "Trace/breakpoint trap",
    "Aborted",
    "Bus error",
    "Floating point exception",
    "Killed",
    "User defined signal 1",
    "Segmentation fault",
    "User defined signal 2",
    "Broken pipe",
    "Alarm clock",
    "Terminated",
    "Stack fault",
    "Child exited",
    "Continued",
    "Stopped (signal)",
    "Stopped",
    "Stopped (tty input)",
    "Stopped (tty output)",
    "Urgent I/O condition",
    "CPU time limit exceeded",
    "File size limit exceeded",
    "Virtual timer expired",
    "Profiling timer expired",
    "Window changed",
    "I/O possible",
    "Power failure",
    "Bad system call",
};

}  // namespace

extern "C" {

char* strsignal(int sig) {
  static char other[32];
  if (sig > 0 && sig < static_cast<int>(sizeof names / sizeof names[0]))
    return const_cast<char*>(names[sig]);
  if (sig >= SIGRTMIN && sig <= SIGRTMAX)
    snprintf(other, sizeof other, "Real-time signal %d", sig - SIGRTMIN);
  else
    snprintf(other, sizeof other, "Unknown signal %d", sig);
  return other;
}

void psignal(int sig, const char* prefix) {
  if (prefix != nullptr && *prefix != '\0')
    fprintf(stderr, "%s: %s\n", prefix, strsignal(sig));
  else
    fprintf(stderr, "%s\n", strsignal(sig));
}

void psiginfo(const siginfo_t* info, const char* prefix) { psignal(info->si_signo, prefix); }

}  // extern "C"
