#include "engine/interp_engine.h"

#include <wabt/binary-reader.h>
#include <wabt/interp/binary-reader-interp.h>
#include <wabt/interp/interp.h>

#include <algorithm>
#include <cstring>

#include "engine/trap_locator.h"

namespace wasishim::interp_engine {

namespace interp = wabt::interp;

struct ModuleData {
  interp::ModuleDesc desc;
  // Index of the global that tracks the innermost guest function
  // (trap_locator.h), or -1 when the module is not instrumented.
  int64_t frame_global = -1;
};

namespace {

const char* kStopTrap = "wasishim: guest stopped";

// The proposals the interpreter accepts: wabt's defaults (what clang emits by
// default) plus exception handling, which clang's setjmp/longjmp lowering
// (-mllvm -wasm-enable-sjlj) uses. The trap locator reads with the same set.
wabt::Features engine_features() {
  wabt::Features features;
  features.enable_exceptions();
  return features;
}

// wabt 1.0.32 records a catch handler's value-stack height without the
// function's declared locals, so catching an exception drops them and the
// catch reads past the stack (wabt#2476, fixed after 1.0.32). The frame's
// base is above the parameters, so adding the declared locals gives the
// height the handler must restore.
void fix_catch_heights(interp::ModuleDesc& desc) {
  for (interp::FuncDesc& f : desc.funcs) {
    const uint32_t declared = f.locals.empty() ? 0 : f.locals.back().end;
    for (interp::HandlerDesc& h : f.handlers) h.values += declared;
  }
}

// wabt 1.0.32 fixes a thread's call stack at 64 KiB of frames (about 1,600
// nested calls) and has no option to change it: the limit is the capacity of
// the private vector Thread::frames_, reserved by the constructor. An explicit
// instantiation may name a private member, which gives the engine a pointer to
// that vector so it can reserve the depth the embedder asked for.
struct ThreadFrames {
  using type = std::vector<interp::Frame> interp::Thread::*;
  friend type frames_member(ThreadFrames);
};
template <class Tag, typename Tag::type Member>
struct ExposeMember {
  friend typename Tag::type frames_member(Tag) { return Member; }
};
template struct ExposeMember<ThreadFrames, &interp::Thread::frames_>;

// The call depth when the embedder gives none: enough for any guest whose
// shadow stack is 1 MiB (wasishim-cc's default) with the smallest frame a C
// function that uses the stack can have (16 bytes), more when the module's
// initial stack pointer says its stack is bigger, and never so much that the
// frame vector's reservation gets silly.
constexpr uint32_t kMinDefaultDepth = 65536;
constexpr uint32_t kMaxDefaultDepth = 1u << 20;
constexpr uint32_t kSmallestFrame = 16;

char code(wabt::Type t) {
  switch (t) {
    case wabt::Type::I32: return 'i';
    case wabt::Type::I64: return 'I';
    case wabt::Type::F32: return 'f';
    case wabt::Type::F64: return 'F';
    default: return '?';
  }
}

std::string codes(const interp::ValueTypes& types) {
  std::string s;
  for (auto t : types) s += code(t);
  return s;
}

void signature_of(const interp::ExternType& type, std::string& params, std::string& results) {
  if (auto* ft = wabt::dyn_cast<interp::FuncType>(&type)) {
    params = codes(ft->params);
    results = codes(ft->results);
  }
}

interp::Value to_value(wabt::Type t, uint64_t bits) {
  switch (t) {
    case wabt::Type::I64: return interp::Value::Make(bits);
    case wabt::Type::F32: {
      uint32_t b = static_cast<uint32_t>(bits);
      float f;
      std::memcpy(&f, &b, 4);
      return interp::Value::Make(f);
    }
    case wabt::Type::F64: {
      double d;
      std::memcpy(&d, &bits, 8);
      return interp::Value::Make(d);
    }
    default: return interp::Value::Make(static_cast<uint32_t>(bits));
  }
}

uint64_t from_value(wabt::Type t, const interp::Value& v) {
  switch (t) {
    case wabt::Type::I64: return v.Get<uint64_t>();
    case wabt::Type::F32: {
      float f = v.Get<float>();
      uint32_t b;
      std::memcpy(&b, &f, 4);
      return b;
    }
    case wabt::Type::F64: {
      double d = v.Get<double>();
      uint64_t b;
      std::memcpy(&b, &d, 8);
      return b;
    }
    default: return v.Get<uint32_t>();
  }
}

class InterpRuntime : public Runtime {
 public:
  InterpRuntime(std::shared_ptr<const ModuleData> data, HostCall host, uint32_t max_call_depth)
      : data_(std::move(data)), host_(std::move(host)), max_call_depth_(max_call_depth) {}

  bool init(std::string* error) {
    module_ = interp::Module::New(store_, data_->desc);
    interp::RefVec imports;
    const auto& import_types = module_->import_types();
    for (size_t i = 0; i < import_types.size(); ++i) {
      auto* ft = wabt::dyn_cast<interp::FuncType>(import_types[i].type.get());
      if (!ft) {
        *error = "import " + import_types[i].module + "::" + import_types[i].name +
                 " is not a function";
        return false;
      }
      interp::FuncType type = *ft;
      auto callback = [this, i, type](interp::Thread& thread, const interp::Values& params,
                                      interp::Values& results, interp::Trap::Ptr* out_trap) {
        uint64_t args[16] = {};
        for (size_t p = 0; p < params.size() && p < 16; ++p) args[p] = from_value(type.params[p], params[p]);
        uint64_t result = 0;
        uint8_t* mem = memory_ ? memory_->UnsafeData() : nullptr;
        uint64_t mem_size = memory_ ? memory_->ByteSize() : 0;
        if (!host_(i, args, &result, mem, mem_size)) {
          *out_trap = interp::Trap::New(thread.store(), kStopTrap);
          return wabt::Result::Error;
        }
        if (!type.results.empty()) results[0] = to_value(type.results[0], result);
        return wabt::Result::Ok;
      };
      imports.push_back(interp::HostFunc::New(store_, type, callback).ref());
    }
    interp::Trap::Ptr trap;
    instance_ = interp::Instance::Instantiate(store_, module_.ref(), imports, &trap);
    if (!instance_) {
      *error = trap ? trap->message() : std::string("instantiation failed");
      return false;
    }
    const auto& exports = module_->export_types();
    for (size_t i = 0; i < exports.size(); ++i) {
      if (exports[i].type->kind == wabt::ExternalKind::Memory && !memory_) {
        memory_ = store_.UnsafeGet<interp::Memory>(instance_->exports()[i]);
      }
    }
    if (max_call_depth_ == 0) max_call_depth_ = default_call_depth();
    return true;
  }

  // From the first mutable i32 global, which wasm-ld makes __stack_pointer:
  // with --stack-first its initial value is the stack's size, otherwise an
  // upper bound of it.
  uint32_t default_call_depth() {
    uint64_t depth = kMinDefaultDepth;
    const auto& globals = instance_->globals();
    for (size_t i = 0; i < globals.size(); ++i) {
      if (static_cast<int64_t>(i) == data_->frame_global) continue;  // trap_locator's own
      auto global = store_.UnsafeGet<interp::Global>(globals[i]);
      if (global->type().mut != interp::Mutability::Var || global->type().type != wabt::Type::I32) continue;
      depth = std::max<uint64_t>(depth, global->Get().Get<uint32_t>() / kSmallestFrame);
      break;
    }
    return static_cast<uint32_t>(std::min<uint64_t>(depth, kMaxDefaultDepth));
  }

  CallResult call(const std::string& name, const std::vector<uint64_t>& args) override {
    CallResult out;
    const auto& exports = module_->export_types();
    for (size_t i = 0; i < exports.size(); ++i) {
      if (exports[i].name != name || exports[i].type->kind != wabt::ExternalKind::Func) continue;
      auto func = store_.UnsafeGet<interp::Func>(instance_->exports()[i]);
      const interp::FuncType& type = func->type();
      interp::Values params;
      for (size_t p = 0; p < type.params.size(); ++p) {
        params.push_back(to_value(type.params[p], p < args.size() ? args[p] : 0));
      }
      interp::Values results;
      interp::Trap::Ptr trap;
      interp::Global::Ptr frame;
      if (data_->frame_global >= 0) {
        frame = store_.UnsafeGet<interp::Global>(instance_->globals()[static_cast<size_t>(data_->frame_global)]);
        frame->UnsafeSet(interp::Value::Make(kNoFrame));
      }
      interp::Thread thread(store_);
      (thread.*frames_member(ThreadFrames{})).reserve(max_call_depth_);
      if (wabt::Failed(func->Call(thread, params, results, &trap))) {
        std::string message = trap ? trap->message() : "unknown trap";
        out.kind = message == kStopTrap ? CallResult::Kind::stopped : CallResult::Kind::trapped;
        out.trap = message;
        if (frame) {
          uint32_t innermost = frame->Get().Get<uint32_t>();
          if (innermost != kNoFrame) out.trap_function = innermost;
        }
        return out;
      }
      for (size_t r = 0; r < results.size(); ++r) out.values.push_back(from_value(type.results[r], results[r]));
      return out;
    }
    out.kind = CallResult::Kind::trapped;
    out.trap = "no exported function '" + name + "'";
    return out;
  }

  uint64_t memory_size() const override { return memory_ ? memory_->ByteSize() : 0; }

 private:
  std::shared_ptr<const ModuleData> data_;
  HostCall host_;
  uint32_t max_call_depth_;
  interp::Store store_;  // before every RefPtr into it, so destroyed after them
  interp::Module::Ptr module_;
  interp::Instance::Ptr instance_;
  interp::Memory::Ptr memory_;
};

}  // namespace

LoadResult load(const uint8_t* bytes, size_t size, const std::string& name) {
  LoadResult out;
  auto data = std::make_shared<ModuleData>();
  wabt::Errors errors;
  wabt::Features features = engine_features();
  wabt::ReadBinaryOptions options(features, nullptr, /*read_debug_names=*/false,
                                  /*stop_on_first_error=*/true,
                                  /*fail_on_custom_section_error=*/false);
  if (wabt::Failed(interp::ReadBinaryInterp(name, bytes, size, options, &errors, &data->desc))) {
    out.error = errors.empty() ? "validation failed" : errors.front().message;
    return out;
  }
  fix_catch_heights(data->desc);
  // Valid: run the instrumented copy, which can say where a trap happened.
  if (auto instrumented = instrument_frames(bytes, size)) {
    auto traced = std::make_shared<ModuleData>();
    wabt::Errors traced_errors;
    if (wabt::Succeeded(interp::ReadBinaryInterp(name, instrumented->bytes.data(),
                                                 instrumented->bytes.size(), options,
                                                 &traced_errors, &traced->desc))) {
      fix_catch_heights(traced->desc);
      traced->frame_global = instrumented->frame_global;
      data = std::move(traced);
    }
  }
  for (const auto& imp : data->desc.imports) {
    ImportDecl d{imp.type.module, imp.type.name, interp::GetName(imp.type.type->kind), "", ""};
    signature_of(*imp.type.type, d.params, d.results);
    out.imports.push_back(std::move(d));
  }
  for (const auto& exp : data->desc.exports) {
    ExportDecl d{exp.type.name, interp::GetName(exp.type.type->kind), "", ""};
    signature_of(*exp.type.type, d.params, d.results);
    out.exports.push_back(std::move(d));
  }
  out.module = std::move(data);
  return out;
}

std::unique_ptr<Runtime> instantiate(std::shared_ptr<const ModuleData> module, HostCall host,
                                     uint32_t max_call_depth, std::string* error) {
  auto rt = std::make_unique<InterpRuntime>(std::move(module), std::move(host), max_call_depth);
  if (!rt->init(error)) return nullptr;
  return rt;
}

}  // namespace wasishim::interp_engine
