/* An LMDB workload for wasishim: the same source runs natively (real mmap)
 * and as wasm under wasishim (mmap-emu).
 *
 *   lmdb_workload workload ENVDIR N default|writemap
 *       N puts into the "main" database and N/4 into the MDB_DUPSORT "dups"
 *       one, in transactions of 1000; N/4 overwrites; N/5 deletes; nested
 *       transactions, some aborted and some committed; cursor scans forward,
 *       backward and by range. Then close, reopen and scan everything again.
 *       (LMDB has no nested transactions under MDB_WRITEMAP; see below.)
 *   lmdb_workload batches ENVDIR BATCHES PER_BATCH default|writemap
 *       BATCHES transactions of PER_BATCH puts each, every one also setting
 *       the key "last" to its batch number, printing "committed B" once
 *       mdb_txn_commit returned (the crash tests kill the program at random
 *       points and check every reported batch survived).
 *
 * "writemap" opens the environment with MDB_WRITEMAP: writes go through the
 * shared mapping and reach the file by msync at commit. "default" writes
 * with pwrite and reads through the read-only shared mapping.
 *
 * For each database the program prints "db NAME entries C fnv F": the entry
 * count and an FNV-1a 64 hash over every key and value in cursor order, each
 * preceded by its length as 4 little-endian bytes. tests/programs/
 * check_lmdb.py computes the same from Debian's mdb_dump of the environment.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lmdb.h"

#define CHECK(expr)                                                                     \
  do {                                                                                  \
    int rc_ = (expr);                                                                   \
    if (rc_ != MDB_SUCCESS) {                                                           \
      fprintf(stderr, "lmdb_workload: %s:%d: %s: %s\n", __FILE__, __LINE__, #expr,   \
              mdb_strerror(rc_));                                                       \
      exit(1);                                                                          \
    }                                                                                   \
  } while (0)

static MDB_env* env;
static MDB_dbi main_db, dups_db;
static unsigned env_flags;

static uint64_t rng_state;
static uint64_t rng(void) {
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return rng_state * 2685821657736338717ull;
}

static void open_env(const char* dir, size_t map_size) {
  CHECK(mdb_env_create(&env));
  CHECK(mdb_env_set_maxdbs(env, 4));
  CHECK(mdb_env_set_mapsize(env, map_size));
  CHECK(mdb_env_open(env, dir, env_flags, 0664));
  MDB_txn* txn;
  CHECK(mdb_txn_begin(env, NULL, 0, &txn));
  CHECK(mdb_dbi_open(txn, "main", MDB_CREATE, &main_db));
  CHECK(mdb_dbi_open(txn, "dups", MDB_CREATE | MDB_DUPSORT, &dups_db));
  CHECK(mdb_txn_commit(txn));
}

static void close_env(void) {
  mdb_env_close(env);
  env = NULL;
}

static void make_key(char* buf, size_t size, uint32_t i) { snprintf(buf, size, "k%09u", i); }

/* A value whose bytes and length depend on (i, version) only. */
static size_t make_value(unsigned char* buf, uint32_t i, uint32_t version) {
  uint64_t s = (uint64_t)i * 0x9E3779B97F4A7C15ull ^ ((uint64_t)version << 40) ^ 0x5DEECE66Dull;
  size_t len = 8 + (size_t)(s % 113);
  for (size_t j = 0; j < len; ++j) {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    buf[j] = (unsigned char)(s >> 56);
  }
  return len;
}

static uint64_t fnv_bytes(uint64_t h, const void* p, size_t n) {
  const unsigned char* b = p;
  for (size_t i = 0; i < n; ++i) h = (h ^ b[i]) * 1099511628211ull;
  return h;
}

static uint64_t fnv_item(uint64_t h, const MDB_val* v) {
  unsigned char len[4] = {(unsigned char)v->mv_size, (unsigned char)(v->mv_size >> 8),
                          (unsigned char)(v->mv_size >> 16), (unsigned char)(v->mv_size >> 24)};
  h = fnv_bytes(h, len, 4);
  return fnv_bytes(h, v->mv_data, v->mv_size);
}

/* Full scan in both directions; they must agree. */
static void scan(const char* name, MDB_dbi dbi) {
  MDB_txn* txn;
  MDB_cursor* cur;
  MDB_val k, v;
  CHECK(mdb_txn_begin(env, NULL, MDB_RDONLY, &txn));
  CHECK(mdb_cursor_open(txn, dbi, &cur));
  uint64_t h = 1469598103934665603ull, count = 0;
  int rc;
  while ((rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) == 0) {
    h = fnv_item(fnv_item(h, &k), &v);
    ++count;
  }
  if (rc != MDB_NOTFOUND) CHECK(rc);
  uint64_t back = 0;
  for (rc = mdb_cursor_get(cur, &k, &v, MDB_LAST); rc == 0; rc = mdb_cursor_get(cur, &k, &v, MDB_PREV)) ++back;
  if (rc != MDB_NOTFOUND) CHECK(rc);
  MDB_stat st;
  CHECK(mdb_stat(txn, dbi, &st));
  mdb_cursor_close(cur);
  mdb_txn_abort(txn);
  if (back != count || st.ms_entries != count) {
    fprintf(stderr, "lmdb_workload: %s: forward %llu, backward %llu, ms_entries %llu\n", name,
            (unsigned long long)count, (unsigned long long)back, (unsigned long long)st.ms_entries);
    exit(1);
  }
  printf("db %s entries %llu fnv %016llx\n", name, (unsigned long long)count, (unsigned long long)h);
}

/* Entries with keys in [from, to), found with MDB_SET_RANGE. */
static void range_scan(uint32_t from, uint32_t to) {
  MDB_txn* txn;
  MDB_cursor* cur;
  char lo[16], hi[16];
  make_key(lo, sizeof lo, from);
  make_key(hi, sizeof hi, to);
  MDB_val k = {strlen(lo), lo}, v;
  CHECK(mdb_txn_begin(env, NULL, MDB_RDONLY, &txn));
  CHECK(mdb_cursor_open(txn, main_db, &cur));
  uint64_t h = 1469598103934665603ull, count = 0;
  int rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
  while (rc == 0 && (k.mv_size != strlen(hi) || memcmp(k.mv_data, hi, k.mv_size) < 0)) {
    h = fnv_item(fnv_item(h, &k), &v);
    ++count;
    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT);
  }
  if (rc != 0 && rc != MDB_NOTFOUND) CHECK(rc);
  mdb_cursor_close(cur);
  mdb_txn_abort(txn);
  printf("range %s..%s entries %llu fnv %016llx\n", lo, hi, (unsigned long long)count, (unsigned long long)h);
}

static void put_main(MDB_txn* txn, uint32_t i, uint32_t version) {
  char key[16];
  unsigned char val[128];
  make_key(key, sizeof key, i);
  MDB_val k = {strlen(key), key}, v = {make_value(val, i, version), val};
  CHECK(mdb_put(txn, main_db, &k, &v, 0));
}

static int del_main(MDB_txn* txn, uint32_t i) {
  char key[16];
  make_key(key, sizeof key, i);
  MDB_val k = {strlen(key), key};
  int rc = mdb_del(txn, main_db, &k, NULL);
  if (rc != MDB_NOTFOUND) CHECK(rc);
  return rc == 0;
}

static int workload(const char* dir, uint32_t n) {
  /* Room for the data several times over: LMDB never overwrites live pages. */
  size_t map_size = ((size_t)n * 512 + (8u << 20)) & ~(size_t)0xffff;
  open_env(dir, map_size);
  const uint32_t per_txn = 1000;
  rng_state = 0x243F6A8885A308D3ull;

  /* Puts: keys in a scattered order, so pages split everywhere. */
  uint64_t puts = 0;
  for (uint32_t done = 0; done < n;) {
    MDB_txn* txn;
    CHECK(mdb_txn_begin(env, NULL, 0, &txn));
    for (uint32_t j = 0; j < per_txn && done < n; ++j, ++done) {
      put_main(txn, (uint32_t)(((uint64_t)done * 7919u) % n), 0);
      ++puts;
      if (done % 4 == 0) {
        char key[16], val[24];
        snprintf(key, sizeof key, "g%04u", (unsigned)(rng() % 2000));
        snprintf(val, sizeof val, "d%012llu", (unsigned long long)(rng() % 1000000000000ull));
        MDB_val k = {strlen(key), key}, v = {strlen(val), val};
        int rc = mdb_put(txn, dups_db, &k, &v, MDB_NODUPDATA);
        if (rc != MDB_KEYEXIST) CHECK(rc);
      }
    }
    CHECK(mdb_txn_commit(txn));
  }
  printf("puts %llu\n", (unsigned long long)puts);
  scan("main", main_db);

  /* Overwrites of a quarter of the keys. */
  MDB_txn* txn;
  CHECK(mdb_txn_begin(env, NULL, 0, &txn));
  for (uint32_t j = 0; j < n / 4; ++j) {
    put_main(txn, (uint32_t)(rng() % n), 1);
    if (j % per_txn == per_txn - 1) {
      CHECK(mdb_txn_commit(txn));
      CHECK(mdb_txn_begin(env, NULL, 0, &txn));
    }
  }
  CHECK(mdb_txn_commit(txn));

  /* Deletes, with nested transactions: every third child aborts. LMDB does
   * not nest transactions under MDB_WRITEMAP, so there the committed
   * children's work goes straight into the parent and the aborted ones' is
   * skipped (drawing the same random numbers): the result is the same. */
  const int nested = !(env_flags & MDB_WRITEMAP);
  uint64_t deleted = 0;
  CHECK(mdb_txn_begin(env, NULL, 0, &txn));
  for (uint32_t j = 0, child_no = 0; j < n / 5; ++child_no) {
    const int aborts = child_no % 3 == 2;
    MDB_txn* child = txn;
    if (nested) CHECK(mdb_txn_begin(env, txn, 0, &child));
    uint64_t in_child = 0;
    for (uint32_t c = 0; c < 100 && j < n / 5; ++c, ++j) {
      uint32_t victim = (uint32_t)(rng() % n);
      if (!nested && aborts) continue;
      in_child += (uint64_t)del_main(child, victim);
      if (c == 0) put_main(child, n + child_no, 2); /* a key only this child adds */
    }
    if (nested && aborts) {
      mdb_txn_abort(child);
    } else {
      if (nested) CHECK(mdb_txn_commit(child));
      if (!aborts) deleted += in_child;
    }
    if (child_no % 10 == 9) {
      CHECK(mdb_txn_commit(txn));
      CHECK(mdb_txn_begin(env, NULL, 0, &txn));
    }
  }
  CHECK(mdb_txn_commit(txn));
  printf("deleted %llu\n", (unsigned long long)deleted);

  /* A transaction aborted as a whole changes nothing. */
  CHECK(mdb_txn_begin(env, NULL, 0, &txn));
  for (uint32_t i = 0; i < n; i += 3) del_main(txn, i);
  mdb_txn_abort(txn);

  printf("phase first\n");
  scan("main", main_db);
  scan("dups", dups_db);
  range_scan(n / 3, n / 3 + n / 10);
  close_env();

  open_env(dir, map_size);
  printf("phase reopened\n");
  scan("main", main_db);
  scan("dups", dups_db);
  range_scan(n / 3, n / 3 + n / 10);
  MDB_envinfo info;
  MDB_stat st;
  CHECK(mdb_env_info(env, &info));
  CHECK(mdb_env_stat(env, &st));
  printf("psize %u last_txnid %llu\n", st.ms_psize, (unsigned long long)info.me_last_txnid);
  close_env();
  return 0;
}

static int batches(const char* dir, uint32_t nbatches, uint32_t per_batch) {
  setvbuf(stdout, NULL, _IONBF, 0);
  open_env(dir, ((size_t)nbatches * per_batch * 512 + (4u << 20)) & ~(size_t)0xffff);
  for (uint32_t b = 0; b < nbatches; ++b) {
    MDB_txn* txn;
    CHECK(mdb_txn_begin(env, NULL, 0, &txn));
    for (uint32_t j = 0; j < per_batch; ++j) {
      char key[24];
      unsigned char val[128];
      snprintf(key, sizeof key, "b%05u-%06u", b, j);
      MDB_val k = {strlen(key), key}, v = {make_value(val, b * per_batch + j, 3), val};
      CHECK(mdb_put(txn, main_db, &k, &v, 0));
    }
    char last[16];
    snprintf(last, sizeof last, "%u", b);
    MDB_val k = {4, "last"}, v = {strlen(last), last};
    CHECK(mdb_put(txn, main_db, &k, &v, 0));
    CHECK(mdb_txn_commit(txn));
    printf("committed %u\n", b);
  }
  close_env();
  printf("done\n");
  return 0;
}

int main(int argc, char** argv) {
  if (argc == 5 || argc == 6) {
    const char* mode = argv[argc - 1];
    if (strcmp(mode, "writemap") == 0) {
      env_flags = MDB_WRITEMAP;
    } else if (strcmp(mode, "default") != 0) {
      argc = 0;
    }
  }
  if (argc == 5 && strcmp(argv[1], "workload") == 0) return workload(argv[2], (uint32_t)atol(argv[3]));
  if (argc == 6 && strcmp(argv[1], "batches") == 0)
    return batches(argv[2], (uint32_t)atol(argv[3]), (uint32_t)atol(argv[4]));
  fprintf(stderr,
          "usage: lmdb_workload workload ENVDIR N default|writemap\n"
          "       lmdb_workload batches ENVDIR BATCHES PER_BATCH default|writemap\n");
  return 2;
}
