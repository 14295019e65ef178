/* A SQLite workload for wasishim: the same source runs natively (real mmap)
 * and as wasm under wasishim (mmap-emu).
 *
 *   sqlite_driver workload DB ROWS MMAP_BYTES
 *       create DB, insert ROWS rows in 10 transactions with indexes, update,
 *       delete, query; close, reopen, query again. MMAP_BYTES is given to
 *       PRAGMA mmap_size (0 turns memory-mapped I/O off).
 *   sqlite_driver queries DB REPEAT MMAP_BYTES
 *       the benchmark: run the workload's queries REPEAT times on an existing
 *       DB and print how long that took.
 *   sqlite_driver batches DB BATCHES ROWS_PER_BATCH MMAP_BYTES
 *       append BATCHES transactions of ROWS_PER_BATCH rows each, printing
 *       "committed B" after each COMMIT returns (the crash tests kill the
 *       program at random points and check every reported batch survived).
 *
 * Every query is printed as a line "Q <sql>" followed by its rows, fields
 * separated by '|', then "." on a line of its own. tests/programs/
 * check_sqlite.py runs the same SQL text with Debian's sqlite3 on the file
 * the guest left and compares the rows. Queries return only integers and text
 * so both sides print them identically.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "sqlite3.h"

static sqlite3* db;


static void die(const char* what) {
  fprintf(stderr, "sqlite_driver: %s: %s\n", what, db ? sqlite3_errmsg(db) : "(no db)");
  exit(1);
}

static void exec(const char* sql) {
  char* err = NULL;
  if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
    fprintf(stderr, "sqlite_driver: %s: %s\n", sql, err ? err : "?");
    exit(1);
  }
}

/* Runs a query and prints it as described above. */
static void query(const char* sql) {
  sqlite3_stmt* st;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) die(sql);
  printf("Q %s\n", sql);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    int n = sqlite3_column_count(st);
    for (int i = 0; i < n; ++i) {
      const unsigned char* text = sqlite3_column_text(st, i);
      printf("%s%s", i ? "|" : "", text ? (const char*)text : "");
    }
    printf("\n");
  }
  if (rc != SQLITE_DONE) die(sql);
  sqlite3_finalize(st);
  printf(".\n");
  fflush(stdout);
}

static void open_db(const char* path, const char* mmap_bytes) {
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI, NULL) != SQLITE_OK) die("open");
  char sql[96];
  snprintf(sql, sizeof sql, "PRAGMA mmap_size=%s", mmap_bytes);
  exec(sql);
  /* Report what SQLite actually uses: a build or VFS without mmap prints 0. */
  sqlite3_stmt* st;
  if (sqlite3_prepare_v2(db, "PRAGMA mmap_size", -1, &st, NULL) != SQLITE_OK) die("pragma");
  if (sqlite3_step(st) == SQLITE_ROW) fprintf(stderr, "mmap_size in effect: %lld\n", sqlite3_column_int64(st, 0));
  sqlite3_finalize(st);
}

static void close_db(void) {
  if (sqlite3_close(db) != SQLITE_OK) die("close");
  db = NULL;
}

/* xorshift64*: the data depends on the seed only, on every platform. */
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rng(void) {
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return rng_state * 2685821657736338717ull;
}

static const char* const kQueries[] = {
    "SELECT count(*), sum(val), min(k), max(k), sum(length(payload)), sum(length(name)) FROM t",
    "SELECT k % 10, count(*), sum(val), max(id) FROM t GROUP BY k % 10 ORDER BY 1",
    "SELECT id, k, name, val, hex(substr(payload, 1, 8)) FROM t WHERE k BETWEEN 500000 AND 502000 ORDER BY k, id LIMIT 25",
    "SELECT count(*), sum(val) FROM t WHERE name >= 'n8' AND name < 'n9'",
    "SELECT name, k, val FROM t WHERE name >= 'nfff' ORDER BY name LIMIT 10",
    "SELECT sum((id * 31 + val) % 1000003), sum(instr(payload, x'00')), sum(instr(payload, x'ff')) FROM t",
    "SELECT batch, count(*) FROM t GROUP BY batch ORDER BY batch",
    "SELECT id, hex(payload) FROM t WHERE id IN (1, 2, 777, 4242, 99999) ORDER BY id",
    "SELECT count(*) FROM t WHERE k < 100000",
    "SELECT count(*) FROM t INDEXED BY t_k WHERE k >= 900000",
    "SELECT count(DISTINCT batch), count(DISTINCT k % 1000) FROM t",
};

static void run_queries(void) {
  for (size_t i = 0; i < sizeof kQueries / sizeof kQueries[0]; ++i) query(kQueries[i]);
}

static void insert_rows(sqlite3_stmt* ins, long batch, long rows) {
  for (long r = 0; r < rows; ++r) {
    uint64_t x = rng();
    int64_t k = (int64_t)(x % 1000000);
    char name[24];
    snprintf(name, sizeof name, "n%08x", (unsigned)(x >> 32));
    unsigned char payload[240];
    size_t len = 16 + (size_t)((x >> 20) % 200);
    for (size_t i = 0; i < len; ++i) payload[i] = (unsigned char)rng();
    sqlite3_bind_int64(ins, 1, k);
    sqlite3_bind_text(ins, 2, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(ins, 3, (int64_t)((x >> 8) % 100000));
    sqlite3_bind_blob(ins, 4, payload, (int)len, SQLITE_TRANSIENT);
    sqlite3_bind_int64(ins, 5, batch);
    if (sqlite3_step(ins) != SQLITE_DONE) die("insert");
    sqlite3_reset(ins);
  }
}

static const char kSchema[] =
    "CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, k INTEGER NOT NULL, name TEXT NOT NULL,"
    " val INTEGER NOT NULL, payload BLOB NOT NULL, batch INTEGER NOT NULL, bumps INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX IF NOT EXISTS t_k ON t(k);"
    "CREATE INDEX IF NOT EXISTS t_name ON t(name);";
static const char kInsert[] = "INSERT INTO t(k, name, val, payload, batch) VALUES (?, ?, ?, ?, ?)";

static int workload(const char* path, long rows, const char* mmap_bytes) {
  open_db(path, mmap_bytes);
  exec(kSchema);
  sqlite3_stmt* ins;
  if (sqlite3_prepare_v2(db, kInsert, -1, &ins, NULL) != SQLITE_OK) die("prepare insert");
  const long batches = 10;
  for (long b = 0; b < batches; ++b) {
    exec("BEGIN");
    insert_rows(ins, b, rows / batches + (b < rows % batches ? 1 : 0));
    exec("COMMIT");
  }
  sqlite3_finalize(ins);
  printf("inserted %ld\n", rows);

  exec("BEGIN");
  exec("UPDATE t SET val = val * 2 + 1 WHERE k % 7 = 0");
  exec("UPDATE t SET name = 'u' || substr(name, 2) WHERE k % 11 = 3");
  exec("UPDATE t SET payload = zeroblob(300) WHERE id % 97 = 0");
  exec("COMMIT");
  exec("DELETE FROM t WHERE k % 13 = 5");
  exec("BEGIN; DELETE FROM t WHERE id BETWEEN 1000 AND 1999; ROLLBACK");
  exec("DELETE FROM t WHERE batch = 3 AND val < 50000");
  printf("phase first\n");
  run_queries();
  close_db();

  open_db(path, mmap_bytes);
  printf("phase reopened\n");
  run_queries();
  query("PRAGMA integrity_check");
  close_db();
  return 0;
}

static int bench_queries(const char* path, long repeat, const char* mmap_bytes) {
  open_db(path, mmap_bytes);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  long rows = 0;
  for (long r = 0; r < repeat; ++r) {
    for (size_t i = 0; i < sizeof kQueries / sizeof kQueries[0]; ++i) {
      sqlite3_stmt* st;
      if (sqlite3_prepare_v2(db, kQueries[i], -1, &st, NULL) != SQLITE_OK) die(kQueries[i]);
      while (sqlite3_step(st) == SQLITE_ROW) ++rows;
      sqlite3_finalize(st);
    }
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
  printf("queries %ld rows %ld ms %.1f\n", repeat, rows, ms);
  close_db();
  return 0;
}

static int batches(const char* path, long nbatches, long per_batch, const char* mmap_bytes) {
  setvbuf(stdout, NULL, _IONBF, 0);
  open_db(path, mmap_bytes);
  exec(kSchema);
  sqlite3_stmt* ins;
  if (sqlite3_prepare_v2(db, kInsert, -1, &ins, NULL) != SQLITE_OK) die("prepare insert");
  for (long b = 0; b < nbatches; ++b) {
    exec("BEGIN");
    insert_rows(ins, b, per_batch);
    /* Rewrite the previous batch's rows too: after a crash, batch B-1 must
     * show bumps = 1 exactly when batch B is present. */
    if (b > 0) {
      char sql[96];
      snprintf(sql, sizeof sql, "UPDATE t SET bumps = bumps + 1 WHERE batch = %ld", b - 1);
      exec(sql);
    }
    exec("COMMIT");
    printf("committed %ld\n", b);
  }
  sqlite3_finalize(ins);
  close_db();
  printf("done\n");
  return 0;
}

#if defined(__wasi__) && defined(WASISHIM_SQLITE_MMAP)
/* Counted so the tests can tell that SQLite really mapped the database. */
static long mmap_calls;
static void* counting_mmap(void* addr, size_t len, int prot, int flags, int fd, off_t off) {
  ++mmap_calls;
  return mmap(addr, len, prot, flags, fd, off);
}
static void report_mmap_calls(void) { fprintf(stderr, "mmap calls: %ld\n", mmap_calls); }
#endif

int main(int argc, char** argv) {
#if defined(__wasi__) && defined(WASISHIM_SQLITE_MMAP)
  /* SQLite's WASI configuration leaves mmap out of the unix VFS's system-call
   * table; wasishim's mmap-emu provides it, so hand it over. Without it
   * PRAGMA mmap_size is accepted but nothing is ever mapped. */
  sqlite3_vfs* vfs = sqlite3_vfs_find("unix");
  if (!vfs || vfs->iVersion < 3 ||
      vfs->xSetSystemCall(vfs, "mmap", (sqlite3_syscall_ptr)counting_mmap) != SQLITE_OK ||
      vfs->xSetSystemCall(vfs, "munmap", (sqlite3_syscall_ptr)munmap) != SQLITE_OK) {
    fprintf(stderr, "sqlite_driver: cannot install mmap in the VFS\n");
    return 1;
  }
  atexit(report_mmap_calls);
#endif
  if (argc == 5 && strcmp(argv[1], "workload") == 0) return workload(argv[2], atol(argv[3]), argv[4]);
  if (argc == 5 && strcmp(argv[1], "queries") == 0) return bench_queries(argv[2], atol(argv[3]), argv[4]);
  if (argc == 6 && strcmp(argv[1], "batches") == 0)
    return batches(argv[2], atol(argv[3]), atol(argv[4]), argv[5]);
  fprintf(stderr,
          "usage: sqlite_driver workload DB ROWS MMAP_BYTES\n"
          "       sqlite_driver queries DB REPEAT MMAP_BYTES\n"
          "       sqlite_driver batches DB BATCHES ROWS_PER_BATCH MMAP_BYTES\n");
  return 2;
}
