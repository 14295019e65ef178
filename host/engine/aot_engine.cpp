// Choosing, loading and running compiled objects (aot_engine.h).
#include "engine/aot_engine.h"

#include <dlfcn.h>
#include <elf.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "engine/aot_abi.h"
#include "engine/aot_background.h"
#include "engine/aot_cache.h"
#include "engine/aot_compile.h"
#include "engine/aot_guard.h"
#include "engine/aot_imports.h"
#include "engine/aot_sha256.h"
#include "engine/aot_toolchain.h"

namespace wasishim::aot {

// A loaded object. The verified file stays open while it is loaded: the
// object was loaded through that descriptor, and trap locations are read
// from it.
struct Object {
  ~Object() {
    if (!handle) return;
    if (initialized && desc->release) desc->release();
    dlclose(handle);
  }

  // The module's function index containing `pc`, from the object's symbol
  // table (a trap's address); -1 when unknown.
  int64_t function_at(const void* pc);

  VerifiedObject file;
  void* handle = nullptr;
  const wasishim_aot_module* desc = nullptr;
  bool initialized = false;
  std::unordered_map<std::string, uint32_t> exports;  // name -> index in desc

 private:
  struct Symbol {
    uint64_t start, end;
    int64_t function;
  };
  void read_symbols();
  std::mutex symbols_mutex_;
  bool symbols_read_ = false;
  std::vector<Symbol> symbols_;
  uintptr_t base_ = 0;
};

namespace {

void trap_from_object(int code, const void* pc) { wasishim_aot_trap(code, pc); }

const wasishim_aot_host kHost = {WASISHIM_AOT_ABI, trap_from_object};

// Loads a checked object and matches its function exports to the module's.
std::shared_ptr<Object> load_object(VerifiedObject file, const Module::Impl& module) {
  auto object = std::make_shared<Object>();
  object->file = std::move(file);
  const std::string& key = object->file.record.key;
  object->handle = dlopen(object->file.load_path().c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!object->handle) {
    const char* why = dlerror();
    throw AotError("cannot load compiled module '" + object->file.path + "': " + (why ? why : "dlopen failed"));
  }
  object->desc = static_cast<const wasishim_aot_module*>(dlsym(object->handle, WASISHIM_AOT_ENTRY));
  if (!object->desc) {
    throw AotError("'" + object->file.path + "' is not a module compiled by this version of wasishim (no " +
                   std::string(WASISHIM_AOT_ENTRY) + ")");
  }
  if (object->desc->abi != WASISHIM_AOT_ABI) {
    throw AotError("'" + object->file.path + "' was compiled for another version of wasishim (ABI " +
                   std::to_string(object->desc->abi) + ", this host speaks " +
                   std::to_string(WASISHIM_AOT_ABI) + ")");
  }
  // The descriptor must be the one the record vouches for (this also catches
  // dlopen handing back an object loaded earlier under the same name).
  if (!object->desc->key || key != object->desc->key) {
    throw AotError("'" + object->file.path + "' does not contain the object its record describes");
  }
  std::unordered_map<std::string_view, uint32_t> by_name;
  for (uint32_t i = 0; i < object->desc->export_count; ++i) by_name[object->desc->export_names[i]] = i;
  for (const auto& e : module.exports) {
    if (e.kind != "func") continue;
    if (auto it = by_name.find(e.name); it != by_name.end()) object->exports[e.name] = it->second;
  }
  static std::mutex init_mutex;
  std::lock_guard lock(init_mutex);
  object->desc->init(&kHost);
  object->initialized = true;
  return object;
}

std::string hash_bytes(std::span<const uint8_t> bytes) {
  Sha256 h;
  h.update(bytes.data(), bytes.size());
  return h.hex_digest();
}

// The module's hash, computed once per Module, and once per module file
// while the file is unchanged: the cache keeps it against the file's
// identity.
const std::string& module_hash(const Module::Impl& module, Cache* cache) {
  auto& slot = *module.aot;
  if (!slot.module_hash.empty()) return slot.module_hash;
  if (module.file && cache) {
    if (auto h = cache->module_hash(*module.file)) return slot.module_hash = *h;
  }
  slot.module_hash = hash_bytes(module.bytes);
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

class AotRuntime final : public engine::Runtime {
 public:
  AotRuntime(std::shared_ptr<Object> object, WasiContext& ctx, CallChecks& checks,
             const std::vector<ImportBinding>& imports)
      : object_(std::move(object)) {
    host_.wasi = &ctx;
    host_.checks = &checks;
    for (const ImportBinding& b : imports) {
      void* fn = import_function(*b.wasi, b.checked);
      if (!fn) throw AotError("no direct entry for import " + std::string(b.wasi->name));
      imports_.push_back(fn);
    }
  }

  ~AotRuntime() override {
    if (instance_) object_->desc->free_instance(instance_);
  }

  bool init(std::string* error) {
    int code = wasishim_aot_guarded(
        [](void* p) {
          auto* self = static_cast<AotRuntime*>(p);
          self->object_->desc->instantiate(&self->host_, self->imports_.data(), &self->instance_);
        },
        this, nullptr);
    if (code == 0 && instance_) return true;
    *error = code == 0 ? "out of memory" : describe(code);
    return false;
  }

  engine::CallResult call(const std::string& name, const std::vector<uint64_t>& args) override {
    engine::CallResult out;
    auto it = object_->exports.find(name);
    if (it == object_->exports.end()) {
      out.kind = engine::CallResult::Kind::trapped;
      out.trap = "no exported function '" + name + "' the AOT engine can call";
      return out;
    }
    uint64_t results[16] = {};
    std::vector<uint64_t> params(args);
    params.resize(args.size() + 1);
    struct Ctx {
      const wasishim_aot_module* desc;
      void* instance;
      uint32_t index;
      const uint64_t* args;
      uint64_t* results;
    } ctx{object_->desc, instance_, it->second, params.data(), results};
    host_.failure.clear();
    const void* pc = nullptr;
    int code = wasishim_aot_guarded(
        [](void* p) {
          auto* c = static_cast<Ctx*>(p);
          c->desc->call(c->instance, c->index, c->args, c->results);
        },
        &ctx, &pc);
    if (code == 0) {
      out.values.assign(results, results + result_count(name));
    } else if (code == WASISHIM_AOT_STOP && host_.failure.empty()) {
      out.kind = engine::CallResult::Kind::stopped;
    } else {
      out.kind = engine::CallResult::Kind::trapped;
      out.trap = describe(code);
      if (code != WASISHIM_AOT_STOP && pc) out.trap_function = object_->function_at(pc);
    }
    return out;
  }

  uint64_t memory_size() const override {
    uint64_t size = 0;
    object_->desc->memory(instance_, &size);
    return size;
  }

  void set_result_counts(const std::vector<ExportInfo>& exports) {
    for (const auto& e : exports) results_[e.name] = e.results.size();
  }

 private:
  size_t result_count(const std::string& name) const {
    auto it = results_.find(name);
    return it == results_.end() ? 0 : std::min<size_t>(it->second, 16);
  }

  std::string describe(int code) const {
    if (code == WASISHIM_AOT_STOP && !host_.failure.empty()) return "host error: " + host_.failure;
    return trap_name(code);
  }

  std::shared_ptr<Object> object_;
  HostContext host_;
  std::vector<void*> imports_;
  void* instance_ = nullptr;
  std::unordered_map<std::string, size_t> results_;
};

}  // namespace

void Object::read_symbols() {
  symbols_read_ = true;
  if (!desc || !desc->func_symbols) return;
  Dl_info info{};
  if (!dladdr(desc, &info) || !info.dli_fbase) return;
  base_ = reinterpret_cast<uintptr_t>(info.dli_fbase);
  std::unordered_map<std::string_view, uint32_t> index_of;
  const char* s = desc->func_symbols;
  for (uint32_t i = 0; i < desc->func_count && *s; ++i, s += std::strlen(s) + 1) index_of[s] = desc->func_base + i;

  // The ELF file's section headers, symbol table and its string table.
  const int fd = file.fd;
  auto read_at = [fd](uint64_t off, void* buf, size_t n) {
    return pread(fd, buf, n, static_cast<off_t>(off)) == static_cast<ssize_t>(n);
  };
  Elf64_Ehdr eh{};
  if (!read_at(0, &eh, sizeof eh) || std::memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
      eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_shentsize != sizeof(Elf64_Shdr)) {
    return;
  }
  std::vector<Elf64_Shdr> sections(eh.e_shnum);
  if (sections.empty() || !read_at(eh.e_shoff, sections.data(), sections.size() * sizeof(Elf64_Shdr))) return;
  for (const Elf64_Shdr& sh : sections) {
    if (sh.sh_type != SHT_SYMTAB || sh.sh_link >= sections.size() || sh.sh_entsize != sizeof(Elf64_Sym)) continue;
    const Elf64_Shdr& strtab = sections[sh.sh_link];
    std::vector<Elf64_Sym> syms(sh.sh_size / sizeof(Elf64_Sym));
    std::string names(strtab.sh_size, '\0');
    if (!read_at(sh.sh_offset, syms.data(), syms.size() * sizeof(Elf64_Sym)) ||
        !read_at(strtab.sh_offset, names.data(), names.size())) {
      return;
    }
    for (const Elf64_Sym& sym : syms) {
      if (ELF64_ST_TYPE(sym.st_info) != STT_FUNC || sym.st_size == 0 || sym.st_name >= names.size()) continue;
      std::string_view name(names.c_str() + sym.st_name);
      // gcc's out-of-line pieces (foo.cold, foo.part.0, ...) are foo's.
      name = name.substr(0, name.find('.'));
      auto it = index_of.find(name);
      symbols_.push_back({sym.st_value, sym.st_value + sym.st_size,
                          it == index_of.end() ? int64_t{-1} : static_cast<int64_t>(it->second)});
    }
  }
  std::sort(symbols_.begin(), symbols_.end(), [](const Symbol& a, const Symbol& b) { return a.start < b.start; });
}

int64_t Object::function_at(const void* pc) {
  std::lock_guard lock(symbols_mutex_);
  if (!symbols_read_) read_symbols();
  const uint64_t at = reinterpret_cast<uintptr_t>(pc) - base_;
  auto it = std::upper_bound(symbols_.begin(), symbols_.end(), at,
                             [](uint64_t a, const Symbol& s) { return a < s.start; });
  if (it == symbols_.begin()) return -1;
  --it;
  return at < it->end ? it->function : -1;
}

std::string trap_name(int code) {
  switch (code) {
    case 1: return "out of bounds memory access";
    case 2: return "integer overflow";
    case 3: return "integer divide by zero";
    case 4: return "invalid conversion to integer";
    case 5: return "unreachable executed";
    case 6: return "indirect call signature mismatch or undefined table element";
    case 7: return "uncaught exception";
    case 8: return "call stack exhausted";
    case WASISHIM_AOT_OUT_OF_MEMORY: return "out of memory: linear memory could not be reserved";
    default: return "trap " + std::to_string(code);
  }
}

std::unique_ptr<engine::Runtime> instantiate(const Module::Impl& module, Engine engine, const AotOptions& options,
                                             WasiContext& ctx, CallChecks& checks,
                                             const std::vector<ImportBinding>& imports,
                                             std::string* error) {
  auto object = object_for(module, engine, options);
  auto rt = std::make_unique<AotRuntime>(std::move(object), ctx, checks, imports);
  rt->set_result_counts(module.exports);
  if (!rt->init(error)) return nullptr;
  return rt;
}

void compile_to_file(const Module::Impl& module, const std::string& output, const AotOptions& options) {
  auto slash = output.rfind('/');
  std::string out_dir = slash == std::string::npos ? "." : output.substr(0, slash);
  if (out_dir.empty()) out_dir = "/";
  std::string work = out_dir + "/.wasishim-aot-XXXXXX";
  if (!mkdtemp(work.data())) {
    throw AotError("cannot create a work directory in '" + out_dir + "': " + std::strerror(errno));
  }
  struct Cleanup {
    std::string dir;
    ~Cleanup() { remove_work_dir(dir); }
  } cleanup{work};
  CompileRequest req;
  req.wasm = module.bytes;
  req.layout = &module.layout;
  req.module_name = module.name;
  req.key = object_key(hash_bytes(module.bytes), Tier::optimized);
  req.tier = Tier::optimized;
  req.embed_module = true;
  req.work_dir = work;
  req.jobs = compile_jobs();
  req.options = &options;
  CompileResult built = compile_object(req);
  if (rename(built.object.c_str(), output.c_str()) != 0) {
    throw AotError("cannot write '" + output + "': " + std::strerror(errno));
  }
}

std::vector<uint8_t> embedded_module(const std::string& path) {
  std::string why;
  auto file = open_verified(-1, path, &why);
  if (!file) throw AotError("cannot load compiled module '" + path + "': " + why);
  // Loading runs no guest code; the descriptor holds the module's bytes.
  void* handle = dlopen(file->load_path().c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* e = dlerror();
    throw AotError("cannot load compiled module '" + path + "': " + (e ? e : "dlopen failed"));
  }
  struct Close {
    void* h;
    ~Close() { dlclose(h); }
  } close_handle{handle};
  auto desc = static_cast<const wasishim_aot_module*>(dlsym(handle, WASISHIM_AOT_ENTRY));
  if (!desc || desc->abi != WASISHIM_AOT_ABI || !desc->key || file->record.key != desc->key) {
    throw AotError("'" + path + "' is not a module compiled by this version of wasishim");
  }
  if (!desc->wasm) throw AotError("'" + path + "' does not embed its module (a cache object)");
  std::vector<uint8_t> wasm(desc->wasm, desc->wasm + desc->wasm_size);
  if (hash_bytes(wasm) != module_part(file->record.key)) {
    throw AotError("'" + path + "': the embedded module does not match its record");
  }
  return wasm;
}

}  // namespace wasishim::aot
