// The CLI's commands, each given the arguments after its name; each returns
// the process's exit status (exit_status.h).
#pragma once

namespace wasishim::cli {

int run_command(int argc, char** argv);      // run_command.cpp
int compile_command(int argc, char** argv);  // compile_command.cpp
int cache_command(int argc, char** argv);    // cache_command.cpp
int caps_command(int argc, char** argv);     // caps_command.cpp

}  // namespace wasishim::cli
