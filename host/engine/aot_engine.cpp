// Loading compiled modules and running them behind engine::Runtime.
#include "engine/aot_engine.h"

#include <dlfcn.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <unordered_map>

#include "engine/aot_abi.h"
#include "engine/aot_guard.h"
#include "wasishim/host.h"

namespace wasishim::aot {

struct Object {
  struct Export {
    uint32_t index;
    size_t results;
  };

  ~Object() {
    if (handle) dlclose(handle);
  }

  void* handle = nullptr;
  const wasishim_aot_module* desc = nullptr;
  std::string path;
  std::unordered_map<std::string, Export> exports;
};

namespace {

class AotRuntime;
int import_call(void* ctx, uint32_t index, const uint64_t* args, uint64_t* result, uint8_t* mem,
                uint64_t mem_size);

const wasishim_aot_host kHost = {WASISHIM_AOT_ABI, import_call, wasishim_aot_trap};

// Opens a compiled object and checks it speaks this host's ABI; null with
// `*error` set if not.
std::shared_ptr<Object> open_object(const std::string& path, std::string* error) {
  auto object = std::make_shared<Object>();
  // A name without a slash would make dlopen search the library path.
  object->path = path.find('/') == std::string::npos ? "./" + path : path;
  object->handle = dlopen(object->path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!object->handle) {
    const char* why = dlerror();
    *error = why ? why : "dlopen failed";
    return nullptr;
  }
  object->desc = static_cast<const wasishim_aot_module*>(dlsym(object->handle, WASISHIM_AOT_ENTRY));
  if (!object->desc) {
    *error = "'" + path + "' is not a module compiled by wasishim (no " WASISHIM_AOT_ENTRY ")";
    return nullptr;
  }
  if (object->desc->abi != WASISHIM_AOT_ABI) {
    *error = "'" + path + "' was compiled for another version of wasishim (ABI " +
             std::to_string(object->desc->abi) + ", this host speaks " +
             std::to_string(WASISHIM_AOT_ABI) + ")";
    return nullptr;
  }
  return object;
}

// Matches the object's function exports to the module's, and runs the
// object's one-time set-up.
void bind_exports(Object& object, const Module& module) {
  std::unordered_map<std::string_view, uint32_t> by_name;
  for (uint32_t i = 0; i < object.desc->export_count; ++i) by_name[object.desc->export_names[i]] = i;
  for (const ExportInfo& e : module.exports()) {
    if (e.kind != "func") continue;
    auto it = by_name.find(e.name);
    if (it != by_name.end()) object.exports[e.name] = {it->second, e.results.size()};
  }
  static std::mutex init_mutex;
  std::lock_guard lock(init_mutex);
  object.desc->init(&kHost);
}

bool file_exists(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::shared_ptr<Object> object_for(const Module& module, std::span<const uint8_t> wasm,
                                   ModuleSlot& slot, const AotOptions& options) {
  std::lock_guard lock(slot.mutex);
  if (slot.object) return slot.object;
  if (slot.key.empty()) slot.key = cache_key(wasm);
  auto log = [&](const std::string& line) {
    if (options.log) options.log(line);
  };
  std::string error;
  std::shared_ptr<Object> object;
  if (!options.object_path.empty()) {
    object = open_object(options.object_path, &error);
    if (!object) throw AotError("cannot load compiled module: " + error);
    // The key's first half names the module; the second, the toolchain, which
    // may differ between where the object was built and here.
    std::string built_for = object->desc->module_hash;
    if (built_for.substr(0, built_for.find('-')) != slot.key.substr(0, slot.key.find('-'))) {
      throw AotError("'" + options.object_path + "' was compiled from a different module");
    }
    log("aot: using " + options.object_path);
  } else {
    std::string dir = aot_cache_dir(options);
    std::string path = dir + "/" + slot.key + ".aot";
    if (file_exists(path)) {
      object = open_object(path, &error);
      if (object && object->desc->module_hash == slot.key) {
        log("aot: cache hit " + path);
      } else {
        // A truncated or foreign file under our name: build it again.
        log("aot: ignoring unusable cached object " + path + (error.empty() ? "" : ": " + error));
        object.reset();
      }
    }
    if (!object) {
      log("aot: cache miss; compiling '" + module.name() + "' to " + path);
      compile(module, wasm, slot.key, path, options);
      object = open_object(path, &error);
      if (!object) throw AotError("cannot load the module just compiled: " + error);
    }
  }
  bind_exports(*object, module);
  slot.object = object;
  return object;
}

class AotRuntime final : public engine::Runtime {
 public:
  AotRuntime(std::shared_ptr<Object> object, engine::HostCall host)
      : object_(std::move(object)), host_(std::move(host)) {}

  ~AotRuntime() override {
    if (instance_) object_->desc->free_instance(instance_);
  }

  bool init(std::string* error) {
    struct Ctx {
      AotRuntime* self;
    } ctx{this};
    int code = wasishim_aot_guarded(
        [](void* p) {
          AotRuntime* self = static_cast<Ctx*>(p)->self;
          self->object_->desc->instantiate(self, &self->instance_);
        },
        &ctx);
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
    std::vector<uint64_t> results(it->second.results + 1);
    std::vector<uint64_t> params(args);
    params.resize(args.size() + 1);
    struct Ctx {
      const wasishim_aot_module* desc;
      void* instance;
      uint32_t index;
      const uint64_t* args;
      uint64_t* results;
    } ctx{object_->desc, instance_, it->second.index, params.data(), results.data()};
    host_failure_.clear();
    int code = wasishim_aot_guarded(
        [](void* p) {
          auto* c = static_cast<Ctx*>(p);
          c->desc->call(c->instance, c->index, c->args, c->results);
        },
        &ctx);
    if (code == 0) {
      results.resize(it->second.results);
      out.values = std::move(results);
    } else if (code == WASISHIM_AOT_STOP && host_failure_.empty()) {
      out.kind = engine::CallResult::Kind::stopped;
    } else {
      out.kind = engine::CallResult::Kind::trapped;
      out.trap = describe(code);
    }
    return out;
  }

  uint64_t memory_size() const override {
    uint64_t size = 0;
    object_->desc->memory(instance_, &size);
    return size;
  }

 private:
  friend int import_call(void*, uint32_t, const uint64_t*, uint64_t*, uint8_t*, uint64_t);

  std::string describe(int code) const {
    if (code == WASISHIM_AOT_STOP && !host_failure_.empty()) return "host error: " + host_failure_;
    return trap_name(code);
  }

  std::shared_ptr<Object> object_;
  engine::HostCall host_;
  void* instance_ = nullptr;
  std::string host_failure_;
};

// Every import of every compiled instance arrives here. No C++ exception may
// cross back into compiled code, so one becomes a trap.
int import_call(void* ctx, uint32_t index, const uint64_t* args, uint64_t* result, uint8_t* mem,
                uint64_t mem_size) {
  auto* self = static_cast<AotRuntime*>(ctx);
  wasishim_aot_enter_host();
  int go = 0;
  try {
    go = self->host_(index, args, result, mem, mem_size) ? 1 : 0;
  } catch (const std::exception& e) {
    self->host_failure_ = e.what();
  } catch (...) {
    self->host_failure_ = "unknown exception";
  }
  wasishim_aot_leave_host();
  return go;
}

}  // namespace

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

std::unique_ptr<engine::Runtime> instantiate(const Module& module, std::span<const uint8_t> wasm,
                                             ModuleSlot& slot, const AotOptions& options,
                                             engine::HostCall host, std::string* error) {
  auto object = object_for(module, wasm, slot, options);
  auto rt = std::make_unique<AotRuntime>(std::move(object), std::move(host));
  if (!rt->init(error)) return nullptr;
  return rt;
}

Embedded read_embedded(const std::string& path) {
  std::string error;
  auto object = open_object(path, &error);
  if (!object) throw AotError("cannot load compiled module '" + path + "': " + error);
  Embedded out;
  out.wasm.assign(object->desc->wasm, object->desc->wasm + object->desc->wasm_size);
  out.key = object->desc->module_hash;
  return out;
}

bool is_elf(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  return in.read(magic, 4) && std::memcmp(magic, "\x7f" "ELF", 4) == 0;
}

}  // namespace wasishim::aot

namespace wasishim {

bool is_aot_object(const std::string& path) { return aot::is_elf(path); }

}  // namespace wasishim
