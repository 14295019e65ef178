// Module and Instance: the embedding API over an engine, with every
// wasi_snapshot_preview1 import bound to the host's one WASI implementation.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "engine/aot_engine.h"
#include "engine/guest_flush.h"
#include "engine/interp_engine.h"
#include "engine/module_impl.h"
#include "engine/module_info.h"
#include "wasi/context.h"
#include "wasi/dispatch.h"
#include "wasi/policy.h"
#include "wasishim/host.h"

namespace wasishim {

namespace {

[[noreturn]] void throw_errno(const std::string& what) {
  throw HostError(HostErrorKind::io, what + ": " + std::strerror(errno));
}

}  // namespace

std::shared_ptr<const interp_engine::ModuleData> Module::Impl::interpreter() const {
  std::lock_guard lock(lazy_mutex_);
  if (!interp_ && interp_error_.empty()) {
    auto loaded = interp_engine::load(bytes.data(), bytes.size(), name);
    if (loaded.module) {
      interp_ = std::move(loaded.module);
    } else {
      interp_error_ = loaded.error.empty() ? "validation failed" : loaded.error;
    }
  }
  if (!interp_) {
    throw HostError(HostErrorKind::invalid_module, "'" + name + "' is not a valid module: " + interp_error_);
  }
  return interp_;
}

const std::unordered_map<uint32_t, std::string>& Module::Impl::function_names() const {
  std::lock_guard lock(lazy_mutex_);
  if (!names_) names_ = read_function_names(bytes);
  return *names_;
}

Module Module::from_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw_errno("cannot read module '" + path + "'");
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw_errno("cannot read module '" + path + "'");
  if (S_ISDIR(st.st_mode)) {
    errno = EISDIR;
    throw_errno("cannot read module '" + path + "'");
  }
  std::vector<uint8_t> bytes;
  if (S_ISREG(st.st_mode)) bytes.reserve(static_cast<size_t>(st.st_size));
  uint8_t buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw_errno("cannot read module '" + path + "'");
    if (n == 0) break;
    bytes.insert(bytes.end(), buf, buf + n);
  }
  const bool whole_file = S_ISREG(st.st_mode) && static_cast<size_t>(st.st_size) == bytes.size();
  auto impl = make_impl(std::move(bytes), path);
  // A regular file read whole: the AOT cache may keep its hash by identity.
  if (whole_file) impl->file = aot::identity_of(st);
  return Module(std::move(impl));
}

Module Module::from_bytes(std::vector<uint8_t> bytes, std::string name) {
  return Module(make_impl(std::move(bytes), std::move(name)));
}

std::shared_ptr<Module::Impl> Module::make_impl(std::vector<uint8_t> bytes, std::string name) {
  auto impl = std::make_shared<Impl>();
  impl->name = std::move(name);
  static constexpr uint8_t kMagic[4] = {0x00, 0x61, 0x73, 0x6d};
  if (bytes.size() < 8 || std::memcmp(bytes.data(), kMagic, 4) != 0) {
    throw HostError(HostErrorKind::invalid_module,
                    "'" + impl->name + "' is not a WebAssembly module (no wasm magic number)");
  }
  std::string error;
  if (!read_layout(bytes, &impl->layout, &error)) {
    throw HostError(HostErrorKind::invalid_module, "'" + impl->name + "' is not a valid module: " + error);
  }
  for (auto& d : impl->layout.imports) impl->imports.push_back({d.module, d.name, d.kind, d.params, d.results});
  for (auto& d : impl->layout.exports) impl->exports.push_back({d.name, d.kind, d.params, d.results});
  impl->bytes = std::move(bytes);
  return impl;
}

const std::string& Module::name() const { return impl_->name; }
const std::vector<ImportInfo>& Module::imports() const { return impl_->imports; }
std::span<const uint8_t> Module::bytes() const { return impl_->bytes; }
const std::vector<ExportInfo>& Module::exports() const { return impl_->exports; }
const ExportInfo* Module::find_export(std::string_view name) const {
  for (const auto& e : impl_->exports) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

namespace {

std::string signature_text(std::string_view params, std::string_view results) {
  auto list = [](std::string_view codes) {
    std::string s;
    for (char c : codes) {
      if (!s.empty()) s += ", ";
      s += c == 'i' ? "i32" : c == 'I' ? "i64" : c == 'f' ? "f32" : c == 'F' ? "f64" : "?";
    }
    return s;
  };
  return "(" + list(params) + ") -> (" + list(results) + ")";
}

// Resolves each import to a WASI function, or explains why it cannot be:
// not provided, wrong type, or refused by the policy.
std::vector<const WasiImport*> link_imports(const Module& module, const Policy& policy) {
  std::vector<const WasiImport*> bound;
  for (const ImportInfo& imp : module.imports()) {
    const std::string qualified = imp.module + "::" + imp.name;
    if (imp.module != kWasiModule) {
      throw HostError(HostErrorKind::link, "unknown import " + qualified + " (wasishim provides " +
                                               std::string(kWasiModule) + " only)");
    }
    const WasiImport* wasi = find_wasi_import(imp.name);
    if (!wasi || imp.kind != "func") throw HostError(HostErrorKind::link, "unknown import " + qualified);
    std::string_view want_results = wasi->returns_errno ? "i" : "";
    if (imp.params != wasi->params || imp.results != want_results) {
      throw HostError(HostErrorKind::link, "import " + qualified + " has type " +
                                               signature_text(imp.params, imp.results) +
                                               ", expected " +
                                               signature_text(wasi->params, want_results));
    }
    if (!policy.stub_denied && is_denied(policy, imp.name)) {
      throw HostError(HostErrorKind::link,
                      "policy denies import " + qualified + " (capability group '" +
                          std::string(group_of(imp.name)) + "')");
    }
    bound.push_back(wasi);
  }
  return bound;
}

}  // namespace

struct Instance::Impl {
  // The checks first: an unknown --deny name is a usage error before any
  // preopen is opened.
  Impl(const Module& m, const InstanceOptions& options)
      : module(m), checks(options.wasi), ctx(options.wasi) {}

  Outcome call(std::string_view name, std::span<const uint64_t> args);

  // After the guest stops without libc's exit path, its mapped stores
  // (docs/mmap.md, "Crash consistency").
  void flush_guest_mappings(Outcome& out);

  Module module;
  CallChecks checks;
  WasiContext ctx;
  std::vector<const WasiImport*> imports;
  std::unique_ptr<engine::Runtime> runtime;
  Engine engine = Engine::interpreter;
  engine::GuestFlush flush;
};

Instance::Instance(const Module& module, const InstanceOptions& options)
    : impl_(std::make_unique<Impl>(module, options)) {
  Impl* self = impl_.get();
  self->imports = link_imports(module, options.wasi.policy);
  auto host = [self](size_t index, const uint64_t* args, uint64_t* result, uint8_t* mem,
                     uint64_t mem_size) {
    if (!self->flush.may_continue()) return false;
    GuestMemory view(mem, mem_size);
    const auto r = call_wasi(*self->imports[index], self->checks, self->ctx, view, args);
    if (!r) return false;
    *result = *r;
    return true;
  };
  std::string error;
  if (options.engine != Engine::interpreter) {
    std::vector<aot::ImportBinding> bindings;
    for (const WasiImport* imp : self->imports) {
      bindings.push_back({imp, self->checks.needed_for(*imp)});
    }
    try {
      self->runtime = aot::instantiate(module.impl(), options.engine, options.aot, self->ctx, self->checks, bindings, &error);
      self->engine = Engine::aot;
    } catch (const AotError& e) {
      if (options.engine == Engine::aot) throw;
      // The default engine falls back quietly (a note under --verbose);
      // --aot=auto, which asked for compiled code, always says so.
      if (options.aot.log) {
        const bool refused = std::string_view(e.what()).starts_with("refusing the AOT cache directory");
        options.aot.log(std::string(options.engine == Engine::tiered && !refused ? "aot: " : "") +
                        "note: running in the interpreter: " + e.what());
      }
      error.clear();
    }
  }
  if (self->engine == Engine::interpreter) {
    self->runtime = interp_engine::instantiate(module.impl().interpreter(), host, options.max_call_depth, &error);
  }
  if (!self->runtime) throw HostError(HostErrorKind::link, "instantiation failed: " + error);
}

Instance::~Instance() = default;
Instance::Instance(Instance&&) noexcept = default;
Instance& Instance::operator=(Instance&&) noexcept = default;

uint64_t Instance::memory_size() const { return impl_->runtime->memory_size(); }
Engine Instance::engine() const { return impl_->engine; }
IoStats Instance::io_stats() const { return impl_->ctx.stats(); }

Outcome Instance::Impl::call(std::string_view name, std::span<const uint64_t> args) {
  const ExportInfo* exp = module.find_export(name);
  if (!exp || exp->kind != "func") {
    throw HostError(HostErrorKind::link, "module has no exported function '" + std::string(name) + "'");
  }
  if (args.size() != exp->params.size()) {
    throw HostError(HostErrorKind::usage, "'" + std::string(name) + "' takes " +
                                              std::to_string(exp->params.size()) +
                                              " argument(s), got " + std::to_string(args.size()));
  }
  auto r = runtime->call(std::string(name), std::vector<uint64_t>(args.begin(), args.end()));
  Outcome out;
  switch (r.kind) {
    case interp_engine::CallResult::Kind::returned:
      out.kind = Outcome::Kind::returned;
      out.values = std::move(r.values);
      break;
    case interp_engine::CallResult::Kind::stopped:
      if (auto sig = ctx.raised_signal()) {
        out.kind = Outcome::Kind::signaled;
        out.signal = *sig;
      } else {
        out.kind = Outcome::Kind::exited;
        out.exit_code = ctx.exit_code().value_or(0);
      }
      break;
    case interp_engine::CallResult::Kind::trapped:
      out.kind = Outcome::Kind::trapped;
      out.trap = std::move(r.trap);
      if (r.trap_function >= 0) {
        auto& names = module.impl().function_names();
        auto it = names.find(static_cast<uint32_t>(r.trap_function));
        out.function = it != names.end() ? it->second : "#" + std::to_string(r.trap_function);
      }
      break;
  }
  if (out.kind != Outcome::Kind::returned) flush_guest_mappings(out);
  return out;
}

void Instance::Impl::flush_guest_mappings(Outcome& out) {
  if (!module.find_export(engine::kGuestFlushExport)) return;
  // Linked without wasishim's command entry, the export runs every
  // constructor again and then the atexit handlers and stdio flush of a
  // program that already stopped: worse than the stores it would save.
  const Module::Impl& m = module.impl();
  if (is_command_export_wrapper(m.bytes, m.layout, engine::kGuestFlushExport)) {
    out.flush_problem = std::string("not writing back shared mappings after the guest stopped: its ") +
                        engine::kGuestFlushExport +
                        " export would run the program's constructors again (a command linked without "
                        "wasishim's entry); stores through shared mappings not yet written back, if any, are lost";
    return;
  }
  engine::GuestFlush::Result r = flush.run(*runtime);
  out.flush_problem = r.problem;
  // The guest reported the failed write-back on its stderr; the status says
  // so too, as after libc's exit flush.
  if (r.write_failed && out.kind == Outcome::Kind::exited) {
    out.exit_code = engine::GuestFlush::kWriteBackFailedStatus;
  }
}

Outcome Instance::invoke(std::string_view name, std::span<const uint64_t> args) {
  return impl_->call(name, args);
}

Outcome Instance::run_start() {
  if (!impl_->module.find_export("_start")) {
    throw HostError(HostErrorKind::link,
                    "module exports no '_start' function, so it is not a command");
  }
  Outcome out = impl_->call("_start", {});
  if (out.kind == Outcome::Kind::returned) {
    out.kind = Outcome::Kind::exited;
    out.exit_code = 0;
  }
  return out;
}

Outcome Instance::initialize() {
  if (!impl_->module.find_export("_initialize")) return Outcome{};
  return impl_->call("_initialize", {});
}

}  // namespace wasishim
