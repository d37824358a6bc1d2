#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <vector>

#include "engines/engine.hpp"

namespace interleave::exploration {

struct ShrunkSchedule {
  std::vector<int> schedule;
  int preemptions = 0;
  std::uint64_t steps = 0;
  int attempts = 0;            // schedules replayed while shrinking
  bool fewest_proven = false;  // every schedule with fewer preemptions was tried and none fails so
};

// Looks for a schedule that fails with the same verdict as `failing` but
// with fewer preemptions, then fewer steps. In order: delta debugging over
// the preemptions (drop half of them, a quarter, ... one, the rest kept
// where they were: each switch is keyed by its task's own decision count,
// which stays put when the schedule around it changes); cut short after a
// preemption; a preemption-bounded search seeded from the failing
// schedule's own switches (its free choices, plus 0, 1 or 2 of its
// preemptions, to their own target or any other task); then the global
// preemption-bounded search (dfs:0, dfs:1, ... below the best count), which
// proves the fewest when it exhausts within the budget; then shorter
// prefixes for fewer steps. The engine must be deterministic; it is left
// using whichever strategy ran last.
ShrunkSchedule shrink_schedule(engines::Engine& engine, const std::function<void()>& body,
                               const engines::RunOutcome& failing, int max_attempts = 5'000,
                               std::chrono::milliseconds max_time = std::chrono::seconds(1));

}  // namespace interleave::exploration
