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
  int attempts = 0;  // schedules replayed while shrinking
};

// Looks for a schedule that fails with the same verdict as `failing` but
// with fewer preemptions, then fewer steps. Cheap moves first: drop one
// preemption (keeping the rest of the schedule), or cut the schedule short
// after a preemption and continue without preempting. Then a
// preemption-bounded search (dfs:0, dfs:1, ...) below the best count, which
// finds the fewest preemptions when it fits in the budget; then shorter
// prefixes for fewer steps. The engine must be deterministic; it is left
// using whichever strategy ran last.
ShrunkSchedule shrink_schedule(engines::Engine& engine, const std::function<void()>& body,
                               const engines::RunOutcome& failing, int max_attempts = 5'000,
                               std::chrono::milliseconds max_time = std::chrono::seconds(1));

}  // namespace interleave::exploration
