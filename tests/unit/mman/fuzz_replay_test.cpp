// Runs the fuzz body on random inputs in every unit-test run, so the checks it
// makes hold even where libFuzzer is not available.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "mman_fuzz_body.h"

TEST(MmanFuzzBody, RandomInputs) {
  std::mt19937 rng(2026);
  for (int i = 0; i < 1000; ++i) {
    std::vector<uint8_t> input(rng() % 400);
    for (auto& b : input) b = static_cast<uint8_t>(rng());
    wasishim::mman::run_fuzz_input(input.data(), input.size());
  }
}
