// Running a compiled object behind engine::Runtime (aot_engine.h); the object
// is chosen and loaded by aot_object_choice.cpp and aot_loaded_object.cpp.
#include "engine/aot_engine.h"

#include <algorithm>
#include <unordered_map>

#include "engine/aot_abi.h"
#include "engine/aot_guard.h"
#include "engine/aot_imports.h"
#include "engine/aot_loaded_object.h"

namespace wasishim::aot {
namespace {

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

}  // namespace wasishim::aot
