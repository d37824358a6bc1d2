#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "cli/commands.hpp"
#include "interleave/explore.hpp"

namespace interleave::cli {

// Whether `run` explores each variant in a child process: by default when
// it runs more than one, or writes reports a pipeline reads, and only where
// the program can run itself again.
bool isolation_wanted(const RunOptions& options, std::size_t variant_runs);

// The command line of a child that explores `variant` with `explore` (its
// engine, seeds, schedules and deadline; the rest from `options`) and prints
// its result record.
std::vector<std::string> supervised_child_arguments(const RunOptions& options, const ExploreOptions& explore,
                                                    const std::string& variant,
                                                    const std::vector<std::pair<std::string, std::int64_t>>& overrides);

// How long a supervised child may go without starting a schedule before it
// is stuck in one (a hang).
std::chrono::milliseconds stall_limit(const ExploreOptions& explore);

}  // namespace interleave::cli
