// `wasishim cache`: where the AOT object cache is, what it holds, and emptying
// it (docs/aot.md).
#include "cli/commands.h"

#include <cstdint>
#include <cstdio>
#include <ctime>
#include <string>
#include <string_view>

#include "cli/exit_status.h"
#include "cli/usage.h"
#include "wasishim/aot.h"

namespace wasishim::cli {

// `wasishim cache`: the AOT object cache.
int cache_command(int argc, char** argv) {
  for (int i = 0; i < argc; ++i) {
    if (is_help(argv[i])) print_help(kCacheUsage);
  }
  if (argc == 3 && std::string_view(argv[0]) == "compile-job") {
    return aot_background_job(argv[1], argv[2]);  // started by a run, not documented for users
  }
  if (argc != 1) usage_error("usage: wasishim cache ls|clean|dir");
  std::string_view sub = argv[0];
  AotOptions options;
  try {
    if (sub == "dir") {
      std::printf("%s\n", aot_cache_dir(options).c_str());
      return 0;
    }
    if (sub == "ls") {
      std::printf("%s\n", aot_cache_dir(options).c_str());
      uint64_t total = 0;
      for (const AotCacheEntry& e : aot_cache_list(options)) {
        char when[32] = "?";
        time_t t = static_cast<time_t>(e.last_used);
        if (struct tm tm {}; localtime_r(&t, &tm)) std::strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
        std::printf("  %-16.16s %-9s %10llu bytes  used %s  compiled in %.1f s (%.1f s CPU)%s\n",
                    e.module_hash.c_str(), e.tier.c_str(), static_cast<unsigned long long>(e.bytes), when,
                    e.compile_seconds, e.compile_cpu_seconds, e.valid ? "" : "  DAMAGED (removed when next used)");
        total += e.bytes;
      }
      std::printf("total %llu bytes\n", static_cast<unsigned long long>(total));
      return 0;
    }
    if (sub == "clean") {
      uint64_t freed = aot_cache_clean(options);
      std::printf("removed %llu bytes from %s\n", static_cast<unsigned long long>(freed),
                  aot_cache_dir(options).c_str());
      return 0;
    }
  } catch (const HostError& e) {
    std::fprintf(stderr, "wasishim: error: %s\n", e.what());
    return kHostError;
  }
  usage_error("unknown cache command '" + std::string(sub) + "' (ls, clean or dir)");
}

}  // namespace wasishim::cli
