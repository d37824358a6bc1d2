#pragma once

#include <sys/types.h>

#include <chrono>
#include <unordered_map>
#include <vector>

namespace interleave::engines::threads {

// The time without progress that counts toward a hang. Between two looks it
// adds the wall time less the run-queue wait of the least starved live
// thread: if every thread was ready but kept from a CPU for X ms, those X ms
// are the machine's load, not the program's. A thread that sleeps or waits
// accrues no run-queue wait, so a program that waits is timed in full.
class StallClock {
 public:
  using Clock = std::chrono::steady_clock;

  // Progress was made at `now`.
  void restart(Clock::time_point now);
  // A look with no progress since the last: the stalled time so far.
  // `threads` are the live tasks' thread ids (0 for one not yet started).
  std::chrono::nanoseconds look(Clock::time_point now, const std::vector<pid_t>& threads);

 private:
  Clock::time_point last_look_{};
  std::chrono::nanoseconds stalled_{};
  // Each thread's run-queue wait at the last look.
  std::unordered_map<pid_t, std::chrono::nanoseconds> waited_;
};

}  // namespace interleave::engines::threads
