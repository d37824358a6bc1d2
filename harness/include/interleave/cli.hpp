#pragma once

#include <string_view>
#include <vector>

#include "interleave/scenario.hpp"

namespace interleave {

// The `interleave` command line (list, run, explain, replay) over your own
// scenarios: a program whose main returns run_main(argc, argv, {my_scenario()})
// gets every subcommand, flag and exit code of the interleave binary. It goes
// by `name` in --help, reproduce lines and error messages (default: argv[0]'s
// file name); --engine tsan runs its twin from interleave_add_tsan_twin.
int run_main(int argc, const char* const* argv, const std::vector<Scenario>& catalog, std::string_view name = {});

}  // namespace interleave
