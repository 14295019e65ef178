// Row 7: N live reactor instances of one module in one process. Prints the
// time to create and initialise one instance, and the resident memory each
// idle instance costs beyond its linear memory (which, conservatively, is
// counted as if it were all resident).
//   bench_reactors MODULE.wasm N interpreter|aot
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "wasishim/host.h"

namespace {

long resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  long size = 0, resident = 0;
  statm >> size >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: bench_reactors MODULE.wasm N interpreter|aot\n");
    return 2;
  }
  const int n = std::atoi(argv[2]);
  wasishim::InstanceOptions options;
  options.engine = std::strcmp(argv[3], "aot") == 0 ? wasishim::Engine::aot : wasishim::Engine::interpreter;
  try {
    wasishim::Module module = wasishim::Module::from_file(argv[1]);
    { wasishim::Instance warm(module, options); }  // compile or load the object once, outside the count
    std::vector<wasishim::Instance> live;
    live.reserve(n);
    const long before = resident_bytes();
    auto start = std::chrono::steady_clock::now();
    uint64_t linear = 0;
    for (int i = 0; i < n; ++i) {
      live.emplace_back(module, options);
      wasishim::Outcome init = live.back().initialize();
      uint64_t arg[] = {static_cast<uint64_t>(i)};
      wasishim::Outcome r = live.back().invoke("touch", arg);
      if (init.kind != wasishim::Outcome::Kind::returned || r.kind != wasishim::Outcome::Kind::returned) {
        std::fprintf(stderr, "instance %d failed: %s\n", i, r.trap.c_str());
        return 1;
      }
      linear += live.back().memory_size();
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const long after = resident_bytes();
    double per_instance = double(after - before) / n;
    double beyond = per_instance - double(linear) / n;
    std::printf("instances %d\nus_per_instance %.1f\nrss_per_instance_kib %.1f\nlinear_per_instance_kib %.1f\n"
                "beyond_linear_kib %.1f\n",
                n, seconds * 1e6 / n, per_instance / 1024, double(linear) / n / 1024, beyond / 1024);
  } catch (const wasishim::HostError& e) {
    std::fprintf(stderr, "bench_reactors: %s\n", e.what());
    return 1;
  }
  return 0;
}
