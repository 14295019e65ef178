/* wordfreq: counts the words in every regular file of a directory, or in the
 * files named, and prints the most frequent ones.
 *
 *   wordfreq [-n TOP] DIR-OR-FILE...
 *
 * An ordinary POSIX program: nothing in it knows about WebAssembly. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct entry {
  char* word;
  unsigned long count;
};

static struct entry* table;
static size_t table_size, table_used;
static unsigned long total_words;

static unsigned long hash(const char* s) {
  unsigned long h = 5381;
  while (*s) h = h * 33 + (unsigned char)*s++;
  return h;
}

static void grow(void) {
  size_t old_size = table_size;
  struct entry* old = table;
  table_size = table_size ? table_size * 2 : 1024;
  table = calloc(table_size, sizeof *table);
  if (!table) {
    perror("wordfreq");
    exit(1);
  }
  table_used = 0;
  for (size_t i = 0; i < old_size; ++i) {
    if (!old[i].word) continue;
    size_t j = hash(old[i].word) & (table_size - 1);
    while (table[j].word) j = (j + 1) & (table_size - 1);
    table[j] = old[i];
    table_used++;
  }
  free(old);
}

static void add_word(const char* w) {
  if (table_used * 2 >= table_size) grow();
  size_t j = hash(w) & (table_size - 1);
  while (table[j].word && strcmp(table[j].word, w) != 0) j = (j + 1) & (table_size - 1);
  if (!table[j].word) {
    table[j].word = strdup(w);
    table_used++;
  }
  table[j].count++;
  total_words++;
}

static int count_file(const char* path) {
  FILE* f = fopen(path, "r");
  if (!f) {
    fprintf(stderr, "wordfreq: %s: %s\n", path, strerror(errno));
    return -1;
  }
  char word[128];
  size_t len = 0;
  int c;
  while ((c = fgetc(f)) != EOF) {
    if (isalpha(c) || (c == '\'' && len > 0)) {
      if (len + 1 < sizeof word) word[len++] = (char)tolower(c);
    } else if (len > 0) {
      word[len] = '\0';
      add_word(word);
      len = 0;
    }
  }
  if (len > 0) {
    word[len] = '\0';
    add_word(word);
  }
  fclose(f);
  return 0;
}

static int by_name(const void* a, const void* b) {
  return strcmp(*(char* const*)a, *(char* const*)b);
}

static int count_path(const char* path) {
  struct stat st;
  if (stat(path, &st) != 0) {
    fprintf(stderr, "wordfreq: %s: %s\n", path, strerror(errno));
    return -1;
  }
  if (!S_ISDIR(st.st_mode)) return count_file(path);
  DIR* dir = opendir(path);
  if (!dir) {
    fprintf(stderr, "wordfreq: %s: %s\n", path, strerror(errno));
    return -1;
  }
  /* Read every name first so the order does not depend on the file system. */
  char** names = NULL;
  size_t n = 0;
  struct dirent* de;
  while ((de = readdir(dir)) != NULL) {
    if (de->d_name[0] == '.') continue;
    names = realloc(names, (n + 1) * sizeof *names);
    names[n++] = strdup(de->d_name);
  }
  closedir(dir);
  qsort(names, n, sizeof *names, by_name);
  int status = 0;
  for (size_t i = 0; i < n; ++i) {
    char child[4096];
    snprintf(child, sizeof child, "%s/%s", path, names[i]);
    if (stat(child, &st) == 0 && S_ISREG(st.st_mode)) {
      printf("reading %s\n", names[i]);
      status |= count_file(child);
    }
    free(names[i]);
  }
  free(names);
  return status;
}

static int by_count(const void* a, const void* b) {
  const struct entry* x = a;
  const struct entry* y = b;
  if (x->count != y->count) return x->count < y->count ? 1 : -1;
  return strcmp(x->word, y->word);
}

int main(int argc, char** argv) {
  int top = 10;
  int i = 1;
  if (i + 1 < argc && strcmp(argv[i], "-n") == 0) {
    top = atoi(argv[i + 1]);
    i += 2;
  }
  if (i >= argc) {
    fprintf(stderr, "usage: wordfreq [-n TOP] DIR-OR-FILE...\n");
    return 2;
  }
  int status = 0;
  for (; i < argc; ++i) status |= count_path(argv[i]);

  struct entry* words = malloc((table_used + 1) * sizeof *words);
  size_t n = 0;
  for (size_t j = 0; j < table_size; ++j) {
    if (table[j].word) words[n++] = table[j];
  }
  qsort(words, n, sizeof *words, by_count);
  printf("%lu words, %zu distinct\n", total_words, n);
  for (size_t j = 0; j < n && (int)j < top; ++j) printf("%7lu  %s\n", words[j].count, words[j].word);
  return status ? 1 : 0;
}
