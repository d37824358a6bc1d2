#pragma once

#include <iosfwd>
#include <string>
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
// `self_binary`: this program's path, which `run` executes again to isolate
// each variant in a child process; empty where that is not this CLI (a test
// calling run_cli), and then every variant runs in this process.
int run_cli(int argc, const char* const* argv, const std::vector<Scenario>& catalog, std::ostream& out,
            std::ostream& err, const std::string& self_binary = {});

}  // namespace interleave::cli
