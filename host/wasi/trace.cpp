#include "wasi/trace.h"

#include <array>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <vector>

#include "wasi/context.h"
#include "wasi/types.h"

namespace wasishim {

namespace {

// Parameter names in ABI order. A leading '*' marks a u32 output pointer and
// "**" a u64 output pointer, shown after the call; "<name>" followed by
// "<name>_len" is a guest string shown as text.
struct Signature {
  std::string_view function;
  std::string_view params;
};

constexpr std::array kSignatures = {
    Signature{"args_get", "argv,argv_buf"},
    Signature{"args_sizes_get", "*argc,*argv_buf_size"},
    Signature{"environ_get", "environ,environ_buf"},
    Signature{"environ_sizes_get", "*count,*buf_size"},
    Signature{"clock_res_get", "id,**resolution"},
    Signature{"clock_time_get", "id,precision,**time"},
    Signature{"fd_advise", "fd,offset,len,advice"},
    Signature{"fd_allocate", "fd,offset,len"},
    Signature{"fd_close", "fd"},
    Signature{"fd_datasync", "fd"},
    Signature{"fd_fdstat_get", "fd,stat"},
    Signature{"fd_fdstat_set_flags", "fd,flags"},
    Signature{"fd_fdstat_set_rights", "fd,rights_base,rights_inheriting"},
    Signature{"fd_filestat_get", "fd,stat"},
    Signature{"fd_filestat_set_size", "fd,size"},
    Signature{"fd_filestat_set_times", "fd,atim,mtim,fst_flags"},
    Signature{"fd_pread", "fd,iovs,iovs_len,offset,*nread"},
    Signature{"fd_prestat_get", "fd,prestat"},
    Signature{"fd_prestat_dir_name", "fd,buf,buf_len"},
    Signature{"fd_pwrite", "fd,iovs,iovs_len,offset,*nwritten"},
    Signature{"fd_read", "fd,iovs,iovs_len,*nread"},
    Signature{"fd_readdir", "fd,buf,buf_len,cookie,*bufused"},
    Signature{"fd_renumber", "fd,to"},
    Signature{"fd_seek", "fd,offset,whence,**newoffset"},
    Signature{"fd_sync", "fd"},
    Signature{"fd_tell", "fd,**offset"},
    Signature{"fd_write", "fd,iovs,iovs_len,*nwritten"},
    Signature{"path_create_directory", "fd,path,path_len"},
    Signature{"path_filestat_get", "fd,flags,path,path_len,stat"},
    Signature{"path_filestat_set_times", "fd,flags,path,path_len,atim,mtim,fst_flags"},
    Signature{"path_link", "old_fd,old_flags,old_path,old_path_len,new_fd,new_path,new_path_len"},
    Signature{"path_open", "fd,dirflags,path,path_len,oflags,rights_base,rights_inheriting,fdflags,*opened_fd"},
    Signature{"path_readlink", "fd,path,path_len,buf,buf_len,*bufused"},
    Signature{"path_remove_directory", "fd,path,path_len"},
    Signature{"path_rename", "fd,old_path,old_path_len,new_fd,new_path,new_path_len"},
    Signature{"path_symlink", "old_path,old_path_len,fd,new_path,new_path_len"},
    Signature{"path_unlink_file", "fd,path,path_len"},
    Signature{"poll_oneoff", "in,out,nsubscriptions,*nevents"},
    Signature{"proc_exit", "rval"},
    Signature{"proc_raise", "sig"},
    Signature{"sched_yield", ""},
    Signature{"random_get", "buf,buf_len"},
    Signature{"sock_accept", "fd,flags,*new_fd"},
    Signature{"sock_recv", "fd,ri_data,ri_data_len,ri_flags,*ro_datalen,ro_flags"},
    Signature{"sock_send", "fd,si_data,si_data_len,si_flags,*so_datalen"},
    Signature{"sock_shutdown", "fd,how"},
};

std::vector<std::string_view> params_of(std::string_view function) {
  std::vector<std::string_view> out;
  for (const auto& s : kSignatures) {
    if (s.function != function) continue;
    std::string_view p = s.params;
    while (!p.empty()) {
      size_t comma = p.find(',');
      out.push_back(p.substr(0, comma));
      if (comma == std::string_view::npos) break;
      p.remove_prefix(comma + 1);
    }
  }
  return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool is_pointer(std::string_view name) {
  static constexpr std::string_view kPointers[] = {
      "argv", "argv_buf", "environ", "environ_buf", "stat", "prestat", "buf",
      "iovs", "in", "out", "ri_data", "si_data", "path", "old_path", "new_path"};
  if (!name.empty() && name[0] == '*') return true;
  for (auto p : kPointers) {
    if (p == name) return true;
  }
  return false;
}

// Guest bytes as a C string literal, at most `limit` of them.
std::string quoted(const GuestMemory& mem, uint64_t ptr, uint64_t len, size_t limit = 64) {
  auto bytes = mem.bytes(ptr, len);
  if (!bytes) return "<out of bounds>";
  std::string out = "\"";
  size_t n = 0;
  for (uint8_t c : *bytes) {
    if (n++ == limit) {
      out += "\"...";
      return out;
    }
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      default:
        if (c >= 0x20 && c < 0x7f) {
          out += static_cast<char>(c);
        } else {
          char esc[5];
          std::snprintf(esc, sizeof esc, "\\x%02x", c);
          out += esc;
        }
    }
  }
  return out + "\"";
}

// The first iovec's data, for calls that send bytes out.
std::string first_iov(const GuestMemory& mem, uint64_t iovs, uint64_t count) {
  if (count == 0) return "[]";
  auto buf = mem.load<uint32_t>(iovs);
  auto len = mem.load<uint32_t>(iovs + 4);
  if (!buf || !len) return "[<out of bounds>]";
  return "[" + quoted(mem, *buf, *len) + (count > 1 ? ", ...]" : "]");
}

std::string number(std::string_view name, uint64_t v) {
  char buf[32];
  if (is_pointer(name) || ends_with(name, "flags") || name.find("rights") != std::string_view::npos) {
    std::snprintf(buf, sizeof buf, "0x%" PRIx64, v);
  } else {
    std::snprintf(buf, sizeof buf, "%" PRIu64, v);
  }
  return buf;
}

}  // namespace

std::string trace_call_text(std::string_view function, const GuestMemory& mem, const uint64_t* args) {
  auto params = params_of(function);
  std::string out = "[wasi] " + std::string(function) + "(";
  for (size_t i = 0; i < params.size(); ++i) {
    std::string_view name = params[i];
    while (!name.empty() && name[0] == '*') name.remove_prefix(1);
    if (i) out += ", ";
    out += std::string(name) + "=" + number(params[i], args[i]);
    const bool sends = function == "fd_write" || function == "fd_pwrite" || function == "sock_send";
    if (i + 1 < params.size() && params[i + 1] == std::string(name) + "_len" &&
        (name == "path" || name == "old_path" || name == "new_path")) {
      out += " " + quoted(mem, args[i], args[i + 1], 256);
    }
    if (sends && (name == "iovs" || name == "si_data")) out += " " + first_iov(mem, args[i], args[i + 1]);
  }
  return out + ")";
}

std::string trace_result_text(std::string_view function, const GuestMemory& mem, const uint64_t* args,
                              uint32_t r, bool stubbed) {
  std::string out;
  if (r == static_cast<uint32_t>(WasiContext::kStop)) {
    out = function == "proc_exit" ? " = (exit)" : " = (guest stopped)";
    return out;
  }
  out = " = ";
  out += wasi::errno_name(static_cast<wasi::Errno>(r));
  if (stubbed) out += " (denied by policy)";
  if (r != 0) return out;
  auto params = params_of(function);
  std::string outputs;
  for (size_t i = 0; i < params.size(); ++i) {
    std::string_view name = params[i];
    if (name.empty() || name[0] != '*') continue;
    const bool wide = name.size() > 1 && name[1] == '*';
    while (!name.empty() && name[0] == '*') name.remove_prefix(1);
    std::optional<uint64_t> value;
    if (wide) value = mem.load<uint64_t>(args[i]);
    else if (auto v = mem.load<uint32_t>(args[i])) value = *v;
    if (!value) continue;
    if (!outputs.empty()) outputs += ", ";
    outputs += std::string(name) + "=" + std::to_string(*value);
  }
  if (function == "fd_read" || function == "fd_pread") {
    if (auto n = mem.load<uint32_t>(args[params.size() - 1]); n && *n > 0) {
      outputs += " " + first_iov(mem, args[1], args[2]);
    }
  }
  if (function == "path_readlink") {
    if (auto n = mem.load<uint32_t>(args[5])) outputs += " " + quoted(mem, args[3], *n, 256);
  }
  if (!outputs.empty()) out += " [" + outputs + "]";
  return out;
}

}  // namespace wasishim
