// Which compiled object a module runs from (object_for, aot_loaded_object.h):
// a file the user gave, the cache's, or one compiled now under the key's
// lock, with background compiles for the tiered engine.
#include "engine/aot_loaded_object.h"

#include <optional>
#include <string>

#include "engine/aot_background.h"
#include "engine/aot_cache.h"
#include "engine/aot_compile.h"
#include "engine/aot_sha256.h"
#include "engine/aot_toolchain.h"

namespace wasishim::aot {
namespace {

// The module's hash, computed once per Module, and once per module file
// while the file is unchanged: the cache keeps it against the file's
// identity.
const std::string& module_hash(const Module::Impl& module, Cache* cache) {
  auto& slot = *module.aot;
  if (!slot.module_hash.empty()) return slot.module_hash;
  if (module.file && cache) {
    if (auto h = cache->module_hash(*module.file)) return slot.module_hash = *h;
  }
  slot.module_hash = sha256_hex(module.bytes);
  if (module.file && cache) cache->remember_module_hash(*module.file, slot.module_hash);
  return slot.module_hash;
}

// Compiles `tier` into the cache under the key's lock, unless another
// process did it while this one waited; returns the object.
std::optional<VerifiedObject> compile_into(Cache& cache, const Module::Impl& module, const std::string& key,
                                           Tier tier, const AotOptions& options) {
  int lock = cache.lock(key, /*wait=*/true);
  struct Unlock {
    int fd;
    ~Unlock() { Cache::unlock(fd); }
  } unlock{lock};
  if (auto found = cache.find(key)) {
    if (options.log) options.log("aot: another process compiled '" + module.name + "' meanwhile");
    return found;
  }
  if (options.log) {
    options.log("aot: cache miss; compiling '" + module.name + "' (" + tier_name(tier) + ") into " + cache.path());
  }
  CompileRequest req;
  req.wasm = module.bytes;
  req.layout = &module.layout;
  req.module_name = module.name;
  req.key = key;
  req.tier = tier;
  req.work_dir = cache.make_work_dir();
  req.jobs = compile_jobs();
  req.options = &options;
  struct Cleanup {
    std::string dir;
    ~Cleanup() { remove_work_dir(dir); }
  } cleanup{req.work_dir};
  CompileResult built = compile_object(req);
  cache.store(built.object, key, cache_limit(options));
  std::string why;
  auto found = cache.find(key, &why);
  if (!found) throw AotError("cannot use the object just compiled: " + why);
  return found;
}

}  // namespace

std::shared_ptr<Object> object_for(const Module::Impl& module, Engine engine, const AotOptions& options) {
  auto& slot = *module.aot;
  std::lock_guard lock(slot.mutex);
  if (slot.object) return slot.object;
  auto log = [&](const std::string& line) {
    if (options.log) options.log(line);
  };

  if (!options.object_path.empty()) {
    std::string why;
    auto file = open_verified(-1, options.object_path, &why);
    if (!file) throw AotError("cannot load compiled module '" + options.object_path + "': " + why);
    if (module_part(file->record.key) != module_hash(module, nullptr)) {
      throw AotError("'" + options.object_path + "' was compiled from a different module");
    }
    slot.object = load_object(std::move(*file), module);
    log("aot: using " + options.object_path);
    return slot.object;
  }

  Cache cache(cache_dir_path(options));
  const std::string& hash = module_hash(module, &cache);
  const std::string optimized_key = object_key(hash, Tier::optimized);
  if (auto found = cache.find(optimized_key)) {
    log("aot: cache hit " + cache.path() + "/" + found->path);
    slot.object = load_object(std::move(*found), module);
    return slot.object;
  }
  if (engine != Engine::tiered) {
    slot.object = load_object(std::move(*compile_into(cache, module, optimized_key, Tier::optimized, options)),
                              module);
    return slot.object;
  }

  // Tiered: the quick tier now, the optimized one in the background.
  const std::string quick_key = object_key(hash, Tier::quick);
  auto found = cache.find(quick_key);
  if (found) {
    log("aot: cache hit " + cache.path() + "/" + found->path + " (quick tier)");
  } else if (!quick_tier_available()) {
    start_background_compile(cache, optimized_key, module.bytes, options);
    throw AotError("the quick tier's compiler (tcc) is not installed; the optimized object is being compiled "
                   "in the background");
  } else if (module.layout.uses_exceptions) {
    // Debian's tcc ignores __attribute__((cleanup)), on which the repair of
    // wasm2c's unwind targets rests (aot_eh.h): such code would jump into
    // finished frames. The interpreter runs it until the optimized object is
    // ready.
    start_background_compile(cache, optimized_key, module.bytes, options);
    throw AotError("the module uses exception handling, which the quick tier cannot compile; the optimized "
                   "object is being compiled in the background");
  } else {
    found = compile_into(cache, module, quick_key, Tier::quick, options);
  }
  start_background_compile(cache, optimized_key, module.bytes, options);
  slot.object = load_object(std::move(*found), module);
  return slot.object;
}

}  // namespace wasishim::aot
