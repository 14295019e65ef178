// Embedding wasishim: load a module once, then run several independent
// instances of it in this process. Each instance has its own linear memory,
// descriptor table, arguments, preopens and policy.
//
//   wasishim-embed-example greeter.wasm
#include <cstdio>
#include <string>
#include <vector>

#include "wasishim/host.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s MODULE.wasm\n", argv[0]);
    return 2;
  }
  try {
    // Reading and validating happens once; instances share the decoded module.
    wasishim::Module module = wasishim::Module::from_file(argv[1]);

    std::vector<wasishim::Instance> guests;
    for (const char* name : {"alice", "bob", "carol"}) {
      wasishim::InstanceOptions options;
      options.wasi.args = {"greeter", name};
      // A guest gets nothing it is not given: here no preopened directory,
      // and a policy refusing any module that asks for sockets.
      options.wasi.policy.deny = {"sockets"};
      guests.emplace_back(module, options);
      wasishim::Outcome init = guests.back().initialize();
      if (init.kind != wasishim::Outcome::Kind::returned) {
        std::fprintf(stderr, "initialization failed: %s\n", init.trap.c_str());
        return 1;
      }
    }

    // A reactor stays live between calls: call each instance several times.
    for (int round = 0; round < 2; ++round) {
      for (auto& g : guests) {
        wasishim::Outcome out = g.invoke("greet", {});
        if (out.kind != wasishim::Outcome::Kind::returned || out.values.at(0) != 0) {
          std::fprintf(stderr, "greet failed\n");
          return 1;
        }
      }
    }
    std::fflush(stdout);
    wasishim::Outcome calls = guests[1].invoke("calls", {});
    std::printf("bob was called %llu times\n", static_cast<unsigned long long>(calls.values.at(0)));
    return 0;
  } catch (const wasishim::HostError& e) {
    std::fprintf(stderr, "wasishim: %s\n", e.what());
    return 1;
  }
}
