#pragma once

#include <iosfwd>
#include <vector>

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
int run_cli(int argc, const char* const* argv, const std::vector<Scenario>& catalog, std::ostream& out,
            std::ostream& err);

}  // namespace interleave::cli
