#include "engines/threads/stall_clock.hpp"

#include <algorithm>
#include <optional>

#include "engines/threads/run_queue_wait.hpp"

namespace interleave::engines::threads {

void StallClock::restart(Clock::time_point now) {
  last_look_ = now;
  stalled_ = {};
  waited_.clear();
}

std::chrono::nanoseconds StallClock::look(Clock::time_point now, const std::vector<pid_t>& threads) {
  const std::chrono::nanoseconds interval = now - last_look_;
  last_look_ = now;
  std::unordered_map<pid_t, std::chrono::nanoseconds> waited;
  std::optional<std::chrono::nanoseconds> least;
  for (pid_t thread : threads) {
    if (thread == 0) continue;
    const auto wait = run_queue_wait(thread);
    if (!wait) {
      least = std::chrono::nanoseconds::zero();  // unknown: the interval counts in full
      continue;
    }
    waited[thread] = *wait;
    // A thread first seen now has no earlier figure: it is credited nothing.
    const auto before = waited_.find(thread);
    const auto accrued = before == waited_.end() ? std::chrono::nanoseconds::zero() : *wait - before->second;
    least = std::min(least.value_or(accrued), accrued);
  }
  waited_ = std::move(waited);
  stalled_ += interval -
              std::clamp(least.value_or(std::chrono::nanoseconds::zero()), std::chrono::nanoseconds::zero(), interval);
  return stalled_;
}

}  // namespace interleave::engines::threads
