// What a Module holds (wasishim/host.h): its bytes and layout, read once; the
// interpreter's decoded form and the function names, made only when needed
// (a run from a compiled object never decodes the module); and the AOT
// engine's per-module state.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/aot_cache.h"
#include "engine/module_info.h"
#include "wasishim/host.h"

namespace wasishim {

namespace interp_engine {
struct ModuleData;
}
namespace aot {
struct Object;
}

struct Module::Impl {
  std::string name;
  std::vector<uint8_t> bytes;
  ModuleLayout layout;
  std::vector<ImportInfo> imports;
  std::vector<ExportInfo> exports;
  std::optional<aot::FileIdentity> file;  // when read from a file

  // The interpreter's decoded module; throws HostError(invalid_module) when
  // the module does not validate.
  std::shared_ptr<const interp_engine::ModuleData> interpreter() const;
  // Function index -> name from the name section.
  const std::unordered_map<uint32_t, std::string>& function_names() const;

  // The AOT engine's state, shared by every Instance of the module.
  struct AotSlot {
    std::mutex mutex;
    std::string module_hash;
    std::shared_ptr<aot::Object> object;
  };
  std::unique_ptr<AotSlot> aot = std::make_unique<AotSlot>();

 private:
  mutable std::mutex lazy_mutex_;
  mutable std::shared_ptr<const interp_engine::ModuleData> interp_;
  mutable std::string interp_error_;
  mutable std::optional<std::unordered_map<uint32_t, std::string>> names_;
};

}  // namespace wasishim
