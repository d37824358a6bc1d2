#pragma once

#include <vector>

#include "interleave/scenario.hpp"

namespace interleave {

// The `interleave` command line (list, run, explain, replay) over your own
// scenarios: a program whose main returns run_main(argc, argv, {my_scenario()})
// gets every subcommand, flag and exit code of the interleave binary.
int run_main(int argc, const char* const* argv, const std::vector<Scenario>& catalog);

}  // namespace interleave
