#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "interleave/explore.hpp"

namespace interleave::engines {

// One exploration run by a child process (the same program, run again for
// one variant), so that whatever the program under test does to its process
// (a signal, exit(), a stack overflow, an endless loop) ends as a verdict
// here and the run goes on. The cost is a process per variant, not per
// schedule.
struct SupervisedExploration {
  // The child's command line, argv[0] its binary; its last line on stdout
  // is one exploration::encode_result record (the program under test may
  // print before it; that output is not shown).
  std::vector<std::string> argv;
  // No schedule started for this long: the child is stuck in one, a hang.
  std::chrono::milliseconds stall_limit{10'000};
  // Killed when this passes (with some grace for its reports).
  std::optional<std::chrono::steady_clock::time_point> deadline;
  const std::atomic<bool>* interrupt = nullptr;
  // Called with the schedules the child has started, about once a second (a progress line).
  std::function<void(std::uint64_t)> progress;
};

ExploreResult explore_supervised(const SupervisedExploration& run);

// In the child: when a supervisor started this process, `options` tell it
// the seed of every schedule as it starts, so that a crash can name it.
void report_schedules_to_supervisor(ExploreOptions& options);

}  // namespace interleave::engines
