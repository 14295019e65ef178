// The wasishim embedding API: load a module once, create as many isolated
// instances of it as needed (each with its own linear memory, descriptor
// table, preopens and policy), run commands and call reactors.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "wasishim/aot.h"
#include "wasishim/error.h"
#include "wasishim/options.h"
#include "wasishim/stats.h"

namespace wasishim {

struct ImportInfo {
  std::string module;
  std::string name;
  std::string kind;  // "func", "memory", "table", "global", "tag"
  std::string params;   // for functions, as in ExportInfo
  std::string results;
};

struct ExportInfo {
  std::string name;
  std::string kind;
  std::string params;   // for functions, a letter a type: 'i' i32, 'I' i64, 'f' f32, 'F' f64
  std::string results;
};

class Module {
 public:
  // Reads a module and checks its structure (sections, imports, exports);
  // throws HostError (io or invalid_module). Function bodies are validated
  // when the module is first run: by the interpreter, or by wasm2c when it is
  // compiled (a cached object was compiled from these very bytes, so a run
  // from one needs no decoding at all). An invalid body is then reported as
  // HostError(invalid_module) by Instance's constructor.
  static Module from_file(const std::string& path);
  static Module from_bytes(std::vector<uint8_t> bytes, std::string name = "module");

  const std::string& name() const;
  const std::vector<ImportInfo>& imports() const;
  const std::vector<ExportInfo>& exports() const;
  const ExportInfo* find_export(std::string_view name) const;
  // The module's bytes, as read.
  std::span<const uint8_t> bytes() const;
  bool is_command() const { return find_export("_start") != nullptr; }
  bool is_reactor() const { return !is_command(); }

  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  explicit Module(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  static std::shared_ptr<Impl> make_impl(std::vector<uint8_t> bytes, std::string name);
  std::shared_ptr<const Impl> impl_;
};

// How a call into the guest ended.
struct Outcome {
  enum class Kind { returned, exited, trapped, signaled };
  Kind kind = Kind::returned;
  uint32_t exit_code = 0;        // exited: the guest's proc_exit value
  uint8_t signal = 0;            // signaled: the WASI signal number given to proc_raise
  std::string trap;              // trapped: the trap kind, e.g. "out of bounds memory access"
  std::string function;          // trapped: the guest function, from the name section, if known
  std::vector<uint64_t> values;  // returned: results, as raw bits
  // exited, trapped, signaled: why stores the guest held in shared mappings
  // may not all have reached their files after it stopped (the host asks the
  // guest to write them back; docs/mmap.md, "Crash consistency"). Empty when
  // they did, or when there were none.
  std::string flush_problem;
};

struct InstanceOptions {
  WasiOptions wasi;
  // The library's default stays the interpreter: the tiered engine compiles
  // and may start background processes, which an embedder asks for
  // (`wasishim run` does). See wasishim/aot.h.
  Engine engine = Engine::interpreter;
  AotOptions aot;                       // for every engine but the interpreter
  // The interpreter's limit on nested guest calls; a deeper call traps with
  // "call stack exhausted". 0: enough for the module's shadow stack (its
  // initial stack pointer / 16 bytes, the smallest C frame), at least 65,536.
  // Compiled code is bounded by the host thread's native stack instead.
  uint32_t max_call_depth = 0;
};

class Instance {
 public:
  // Links the module's imports against the host's WASI implementation and
  // instantiates it; throws HostError(link) for an import the host does not
  // provide or a signature that does not match.
  Instance(const Module& module, const InstanceOptions& options);
  ~Instance();
  Instance(Instance&&) noexcept;
  Instance& operator=(Instance&&) noexcept;

  // Commands: calls _start. A guest returning from _start exited with 0.
  Outcome run_start();
  // Reactors: calls _initialize if the module exports it; otherwise returns.
  Outcome initialize();
  // Calls any exported function; arguments and results are raw bits of the
  // declared types. Throws HostError(link) for a missing export or a wrong
  // argument count.
  Outcome invoke(std::string_view name, std::span<const uint64_t> args);

  // Bytes of linear memory the instance currently has.
  uint64_t memory_size() const;

  // The engine running this instance: never `automatic`.
  Engine engine() const;

  // The host's counters of this instance's WASI calls and file I/O.
  IoStats io_stats() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace wasishim
