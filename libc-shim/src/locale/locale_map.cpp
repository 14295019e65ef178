// Locale names: which ones setlocale and newlocale accept.
//
// wasi-libc's setlocale and newlocale (musl's) find each category's locale
// through one internal call, __get_locale, defined alone in locale_map.o.
// musl's version accepts any name: an unknown one becomes a locale with that
// name and the C locale's data (UTF-8 for LC_CTYPE), so
// setlocale(LC_CTYPE, "badlocale") succeeds, and a program that checks
// whether a locale exists (pcre2grep does) is told it does. wasishim's
// sysroot leaves locale_map.o out (replaced-objects.txt) and this file
// defines its symbols, accepting only the locales wasi-libc has: C (also
// called POSIX) and C.UTF-8. Any other name fails, and setlocale then
// returns NULL and leaves the locale as it was, as glibc does for a locale
// that is not installed.
//
// What musl's setlocale and newlocale do with the answer is theirs: a null
// map is the C locale, musl's C.UTF-8 map makes LC_CTYPE UTF-8, and
// `locale_map_failed` makes the call fail.
#include <locale.h>
#include <stdlib.h>
#include <string.h>

struct __locale_map;  // musl's; only pointers to it pass through here

extern "C" const struct __locale_map __c_dot_utf8;  // wasi-libc's C.UTF-8 LC_CTYPE map

namespace {

const struct __locale_map* const locale_map_failed = reinterpret_cast<const struct __locale_map*>(-1);

// POSIX's "" : LC_ALL, else the category's own variable, else LANG, the first
// that is set and not empty. With none, wasi-libc's default, C.UTF-8 (POSIX
// leaves the default to the implementation; glibc's is C).
const char* name_from_environment(int category) {
  const char* own = "LC_CTYPE";
  switch (category) {
    case LC_NUMERIC: own = "LC_NUMERIC"; break;
    case LC_TIME: own = "LC_TIME"; break;
    case LC_COLLATE: own = "LC_COLLATE"; break;
    case LC_MONETARY: own = "LC_MONETARY"; break;
    case LC_MESSAGES: own = "LC_MESSAGES"; break;
    default: break;
  }
  const char* candidates[] = {"LC_ALL", own, "LANG"};
  for (const char* variable : candidates) {
    const char* value = getenv(variable);
    if (value != nullptr && *value != '\0') return value;
  }
  return "C.UTF-8";
}

// "C." followed by a spelling of UTF-8 and an optional "@modifier": glibc
// compares codesets lowercased without punctuation ("UTF-8", "utf8",
// "UTF8" are one codeset) and falls back from an unknown modifier.
bool is_c_utf8(const char* name) {
  if (strncmp(name, "C.", 2) != 0) return false;
  char codeset[8];
  size_t n = 0;
  for (const char* p = name + 2; *p != '\0' && *p != '@'; ++p) {
    const char c = *p;
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (n == sizeof codeset - 1) return false;
      codeset[n++] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
  }
  codeset[n] = '\0';
  return strcmp(codeset, "utf8") == 0;
}

}  // namespace

extern "C" {

const struct __locale_map* __get_locale(int category, const char* name) {
  if (category < 0 || category >= LC_ALL) return locale_map_failed;
  if (*name == '\0') name = name_from_environment(category);
  if (strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0) return nullptr;
  // Only LC_CTYPE has UTF-8 data; the other categories of C.UTF-8 are C's.
  if (is_c_utf8(name)) return category == LC_CTYPE ? &__c_dot_utf8 : nullptr;
  return locale_map_failed;
}

// Message translation for strerror and friends: only locales with message
// catalogs translate, and none of the accepted ones has any.
const char* __lctrans_impl(const char* message, const struct __locale_map*) { return message; }

}  // extern "C"
