#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "cli/program.hpp"
#include "interleave/scenario.hpp"

namespace interleave::cli {

// Exit codes, as documented in --help and the README.
enum ExitCode : int {
  kAllMatched = 0,
  kMismatch = 1,
  kUsageError = 2,
  kInternalError = 3,
};

// The whole `interleave` command line over a catalog; returns the exit code.
// By default it is the interleave binary's, without a self_binary (a test
// calling run_cli), so that every variant runs in this process.
int run_cli(int argc, const char* const* argv, const std::vector<Scenario>& catalog, std::ostream& out,
            std::ostream& err, const Program& program = interleave_program());

// run_cli on std::cout and std::cerr, an escaping exception an internal error.
int run_program(int argc, const char* const* argv, const std::vector<Scenario>& catalog, const Program& program);

}  // namespace interleave::cli
