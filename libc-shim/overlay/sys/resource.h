/* wasishim: <sys/resource.h>, whole (wasi-libc's refuses to compile without
 * an emulation macro and has neither rlimits nor most of struct rusage).
 * getrusage reports the process CPU time the host's clock gives and the
 * linear memory as the resident set; the limits are the instance's
 * (docs/porting.md). Values are Linux's. */
#ifndef WASISHIM_OVERLAY_SYS_RESOURCE_H
#define WASISHIM_OVERLAY_SYS_RESOURCE_H
/* Keeps wasi-libc's own struct rusage out. */
#define __wasilibc___struct_rusage_h
#define __wasilibc___header_sys_resource_h

#define __NEED_id_t
#define __NEED_pid_t
#include <bits/alltypes.h>
#include <sys/time.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef unsigned long long rlim_t;

struct rlimit {
  rlim_t rlim_cur;
  rlim_t rlim_max;
};

struct rusage {
  struct timeval ru_utime;
  struct timeval ru_stime;
  long ru_maxrss;
  long ru_ixrss;
  long ru_idrss;
  long ru_isrss;
  long ru_minflt;
  long ru_majflt;
  long ru_nswap;
  long ru_inblock;
  long ru_oublock;
  long ru_msgsnd;
  long ru_msgrcv;
  long ru_nsignals;
  long ru_nvcsw;
  long ru_nivcsw;
};

#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD 1

#define RLIM_INFINITY (~0ULL)
#define RLIM_SAVED_CUR RLIM_INFINITY
#define RLIM_SAVED_MAX RLIM_INFINITY

#define RLIMIT_CPU 0
#define RLIMIT_FSIZE 1
#define RLIMIT_DATA 2
#define RLIMIT_STACK 3
#define RLIMIT_CORE 4
#define RLIMIT_RSS 5
#define RLIMIT_NPROC 6
#define RLIMIT_NOFILE 7
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS 9
#define RLIMIT_LOCKS 10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE 12
#define RLIMIT_NICE 13
#define RLIMIT_RTPRIO 14
#define RLIMIT_RTTIME 15
#define RLIMIT_NLIMITS 16
#define RLIM_NLIMITS RLIMIT_NLIMITS

#define PRIO_MIN (-20)
#define PRIO_MAX 20
#define PRIO_PROCESS 0
#define PRIO_PGRP 1
#define PRIO_USER 2

int getrlimit(int, struct rlimit*);
int setrlimit(int, const struct rlimit*);
int prlimit(pid_t, int, const struct rlimit*, struct rlimit*);
int getrusage(int, struct rusage*);
int getpriority(int, id_t);
int setpriority(int, id_t, int);

#ifdef __cplusplus
}
#endif
#endif
