// The public AOT functions of wasishim/aot.h over the engine's parts.
#include "engine/aot_background.h"
#include "engine/aot_cache.h"
#include "engine/aot_engine.h"
#include "engine/module_impl.h"
#include "wasishim/host.h"

namespace wasishim {

std::string aot_cache_dir(const AotOptions& options) { return aot::cache_dir_path(options); }

void compile_aot(const Module& module, const std::string& output, const AotOptions& options) {
  aot::compile_to_file(module.impl(), output, options);
}

bool is_aot_object(const std::string& path) { return aot::has_object_record(path); }

Module module_from_aot(const std::string& path) { return Module::from_bytes(aot::embedded_module(path), path); }

std::vector<AotCacheEntry> aot_cache_list(const AotOptions& options) {
  aot::Cache cache(aot::cache_dir_path(options));
  std::vector<AotCacheEntry> out;
  for (const auto& e : cache.list(/*verify=*/true)) {
    AotCacheEntry a;
    a.file = e.file;
    a.module_hash = e.record.key.substr(0, e.record.key.find('-'));
    a.tier = e.record.tier;
    a.bytes = e.bytes;
    a.last_used = e.last_used;
    a.compile_seconds = e.record.compile_seconds;
    a.compile_cpu_seconds = e.record.compile_cpu_seconds;
    a.valid = e.valid;
    out.push_back(std::move(a));
  }
  return out;
}

uint64_t aot_cache_clean(const AotOptions& options) {
  aot::Cache cache(aot::cache_dir_path(options));
  return cache.clean();
}

int aot_background_job(const std::string& cache_dir, const std::string& key) {
  return aot::run_background_compile(cache_dir, key);
}

}  // namespace wasishim
