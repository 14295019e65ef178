// Objects of their own, outside the cache (aot_engine.h): `wasishim compile`
// writes one that embeds its module, and `wasishim run OUT.aot` reads the
// module back out of it, checked against the object's record.
#include "engine/aot_engine.h"

#include <dlfcn.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "engine/aot_abi.h"
#include "engine/aot_compile.h"
#include "engine/aot_object_record.h"
#include "engine/aot_sha256.h"
#include "engine/aot_toolchain.h"

namespace wasishim::aot {

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
  req.key = object_key(sha256_hex(module.bytes), Tier::optimized);
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
  if (sha256_hex(wasm) != module_part(file->record.key)) {
    throw AotError("'" + path + "': the embedded module does not match its record");
  }
  return wasm;
}

}  // namespace wasishim::aot
