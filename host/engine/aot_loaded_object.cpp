// Loading a checked compiled object, and finding the function a trap's
// address lies in from the object's symbol table (aot_loaded_object.h).
#include "engine/aot_loaded_object.h"

#include <dlfcn.h>
#include <elf.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <string_view>

#include "engine/aot_guard.h"

namespace wasishim::aot {
namespace {

void trap_from_object(int code, const void* pc) { wasishim_aot_trap(code, pc); }

const wasishim_aot_host kHost = {WASISHIM_AOT_ABI, trap_from_object};

}  // namespace

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

}  // namespace wasishim::aot
