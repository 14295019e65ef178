/* setlocale accepts the locales that exist and fails, leaving the locale as
 * it was, for any other name: C, POSIX and C.UTF-8 (in glibc's spellings of
 * UTF-8) exist in wasm32-wasi and on this Linux, nothing else does. ""
 * takes each category's name from LC_ALL, else LC_<category>, else LANG.
 * newlocale accepts the same names. Linux is the oracle; names are printed
 * only where POSIX fixes them (the LC_ALL string of mixed categories and
 * the spelling a C.utf8 locale reports are each library's own).
 * wasishim-test: native
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char* utf8(void) { return MB_CUR_MAX > 1 ? "UTF-8" : "single-byte"; }

static void try_ctype(const char* name) {
  char* r = setlocale(LC_CTYPE, name);
  printf("LC_CTYPE \"%s\": %s, ", name, r ? "set" : "NULL");
  printf("ctype %s\n", utf8());
}

static void clear_environment(void) {
  const char* names[] = {"LC_ALL", "LANG", "LC_CTYPE", "LC_NUMERIC", "LC_TIME",
                         "LC_COLLATE", "LC_MONETARY", "LC_MESSAGES"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) unsetenv(names[i]);
}

int main(void) {
  clear_environment();
  printf("initial LC_ALL: %s\n", setlocale(LC_ALL, NULL));

  const char* names[] = {"C", "POSIX", "C.UTF-8", "C.utf8", "C.UTF8", "C.utf-8", "badlocale",
                         "en_US.UTF-8", "xx_YY", "C.ISO-8859-1", "POSIX.UTF-8", "c", "posix"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    setlocale(LC_ALL, "C");
    try_ctype(names[i]);
  }
  const char* reported[] = {"C", "POSIX", "C.UTF-8"};
  for (size_t i = 0; i < 3; i++) {
    setlocale(LC_CTYPE, reported[i]);
    printf("LC_CTYPE after \"%s\" reads \"%s\"\n", reported[i], setlocale(LC_CTYPE, NULL));
  }

  /* A failure changes nothing. */
  setlocale(LC_ALL, "C");
  setlocale(LC_CTYPE, "C.UTF-8");
  char before[512];
  snprintf(before, sizeof before, "%s", setlocale(LC_ALL, NULL));
  printf("LC_CTYPE badlocale over C.UTF-8: %s\n", setlocale(LC_CTYPE, "badlocale") ? "set" : "NULL");
  printf("LC_ALL badlocale: %s\n", setlocale(LC_ALL, "badlocale") ? "set" : "NULL");
  printf("LC_NUMERIC de_DE: %s\n", setlocale(LC_NUMERIC, "de_DE") ? "set" : "NULL");
  printf("unchanged: %s, ", strcmp(before, setlocale(LC_ALL, NULL)) == 0 ? "yes" : "no");
  printf("LC_CTYPE reads \"%s\", ctype %s\n", setlocale(LC_CTYPE, NULL), utf8());

  /* The LC_ALL string of mixed categories restores them. */
  setlocale(LC_ALL, "C");
  printf("LC_ALL restored from it: %s\n", setlocale(LC_ALL, before) ? "set" : "NULL");
  printf("same string: %s, ", strcmp(before, setlocale(LC_ALL, NULL)) == 0 ? "yes" : "no");
  printf("ctype %s\n", utf8());

  /* "" from the environment. */
  clear_environment();
  setlocale(LC_ALL, "C");
  setenv("LC_ALL", "badlocale", 1);
  setenv("LANG", "C.UTF-8", 1);
  printf("LC_ALL=badlocale LANG=C.UTF-8, LC_CTYPE \"\": %s\n", setlocale(LC_CTYPE, "") ? "set" : "NULL");
  unsetenv("LC_ALL");
  setenv("LC_CTYPE", "C.UTF-8", 1);
  setenv("LANG", "badlocale", 1);
  try_ctype("");
  printf("LC_CTYPE=C.UTF-8 LANG=badlocale, LC_NUMERIC \"\": %s\n", setlocale(LC_NUMERIC, "") ? "set" : "NULL");
  setlocale(LC_ALL, "C");
  printf("... LC_ALL \"\": %s, ", setlocale(LC_ALL, "") ? "set" : "NULL");
  printf("ctype %s\n", utf8());
  clear_environment();
  setenv("LC_ALL", "", 1);
  setenv("LANG", "POSIX", 1);
  printf("LC_ALL= LANG=POSIX, LC_ALL \"\": %s, ", setlocale(LC_ALL, "") ? "set" : "NULL");
  printf("LC_CTYPE reads \"%s\"\n", setlocale(LC_CTYPE, NULL));
  setenv("LC_ALL", "C.UTF-8", 1);
  printf("LC_ALL=C.UTF-8, LC_ALL \"\": %s, ", setlocale(LC_ALL, "") ? "set" : "NULL");
  printf("ctype %s\n", utf8());
  clear_environment();
  printf("no variables, LC_ALL \"\": %s\n", setlocale(LC_ALL, "") ? "set" : "NULL");

  /* pcre2grep's check: a locale named by LC_CTYPE that does not exist. */
  setlocale(LC_ALL, "C");
  setenv("LC_CTYPE", "badlocale", 1);
  printf("LC_CTYPE=badlocale, LC_CTYPE from getenv: %s\n",
         setlocale(LC_CTYPE, getenv("LC_CTYPE")) ? "set" : "NULL");
  clear_environment();

  /* newlocale takes the same names. */
  locale_t l = newlocale(LC_ALL_MASK, "badlocale", (locale_t)0);
  printf("newlocale badlocale: %s\n", l ? "a locale" : "NULL");
  l = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
  printf("newlocale C.UTF-8: %s\n", l ? "a locale" : "NULL");
  /* (Not used through uselocale: wasi-libc's character functions follow the
   * global locale whatever uselocale installed; docs/porting.md.) */
  if (l) freelocale(l);
  l = newlocale(LC_ALL_MASK, "POSIX", (locale_t)0);
  printf("newlocale POSIX: %s\n", l ? "a locale" : "NULL");
  if (l) freelocale(l);
  return 0;
}
