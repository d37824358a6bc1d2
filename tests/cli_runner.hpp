#pragma once

// Runs the `interleave` command line in-process, as the tests of its
// subcommands do, and keeps what it printed.

#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "scenarios/catalog.hpp"

namespace interleave::cli::testing {

struct CliRun {
  int exit_code;
  std::string out;
  std::string err;
};

// `args` without the program name; `catalog` defaults to the built-in one.
inline CliRun run_with(const std::vector<Scenario>& catalog, std::vector<const char*> args) {
  args.insert(args.begin(), "interleave");
  std::ostringstream out, err;
  int code = run_cli(static_cast<int>(args.size()), args.data(), catalog, out, err);
  return {code, out.str(), err.str()};
}

inline CliRun run(std::vector<const char*> args) { return run_with(scenarios::catalog(), std::move(args)); }

}  // namespace interleave::cli::testing
