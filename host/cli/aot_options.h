// The AOT options the CLI gives the host: how compiles talk to the user, and
// which program runs the background compiles.
#pragma once

#include <string>

#include "wasishim/aot.h"

namespace wasishim::cli {

// Logging and progress for AOT compiles, with or without --verbose.
AotOptions aot_options(bool verbose);

// Ends the progress line a compile left on a terminal, if any.
void end_progress_line();

// This program, for the background compiles it starts (aot_background.h).
std::string self_executable();

}  // namespace wasishim::cli
