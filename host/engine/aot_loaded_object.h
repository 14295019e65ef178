// A compiled object loaded for a module (aot_loaded_object.cpp), and the
// choice of which object that is (aot_object_choice.cpp). Private to the AOT
// loader.
#pragma once

#include <dlfcn.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/aot_abi.h"
#include "engine/aot_object_record.h"
#include "engine/module_impl.h"
#include "wasishim/aot.h"

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

// Loads a checked object and matches its function exports to the module's.
std::shared_ptr<Object> load_object(VerifiedObject file, const Module::Impl& module);

// The object `module` runs from with `engine`, chosen and loaded once per
// Module: the file options.object_path names, else the cache's, compiled on
// a miss (the tiered engine: the quick tier now, the optimized one in the
// background). Throws AotError when there is none to be had.
std::shared_ptr<Object> object_for(const Module::Impl& module, Engine engine,
                                   const AotOptions& options);

}  // namespace wasishim::aot
