// Compiling the optimized tier in the background, so that the next run of a
// module gets native-speed code without this run waiting for it.
//
// The run saves the module in the cache's jobs directory and starts
// `wasishim cache compile-job DIR KEY` (AotOptions::background_compiler),
// which detaches itself: a session of its own, stdio on /dev/null (nothing
// holds a test harness's pipes open), a low priority. The job takes the key's
// lock (a second job for the same key does nothing), waits for one of as many
// slots as there are processors, compiles, stores the object in the cache and
// removes the quick tier's object of the same module.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "engine/aot_cache.h"
#include "wasishim/aot.h"

namespace wasishim::aot {

// Starts the job for `key` (an optimized-tier key) unless background
// compiles are off (no background_compiler, or $WASISHIM_AOT_BACKGROUND=0)
// or one is already running for it.
void start_background_compile(Cache& cache, const std::string& key, std::span<const uint8_t> wasm,
                              const AotOptions& options);

// The job itself; returns a process exit status. Writes what happened to
// DIR/jobs/KEY.log.
int run_background_compile(const std::string& cache_dir, const std::string& key);

}  // namespace wasishim::aot
