#pragma once

#include <map>
#include <utility>
#include <vector>

#include "engines/fiber/strategy.hpp"

namespace interleave::engines::fiber {

// The shrinker's replay: a schedule given only by its switches, each keyed
// by the task that reached the decision and how many decisions that task
// had reached before. A key of that kind stays put when the schedule around
// it changes (dropping one preemption does not move the others, as it moves
// every later position of a recorded schedule). At a decision with no
// switch listed, the current task goes on; when it cannot (it blocked,
// finished or yielded), the next enabled task after it in id order runs.
// A switch marked free applies only where it costs no preemption (the
// current task cannot go on): a choice that was free in the schedule it
// came from must not turn into a preemption in another. Which waiter a
// notify wakes is keyed by task -1 and the notify's number.
class GuidedStrategy final : public Strategy {
 public:
  // `script` holds quadruples: task, its decision count, the task to run, free (0 or 1).
  explicit GuidedStrategy(const std::vector<int>& script);

  void begin_schedule(std::uint64_t) override;
  std::size_t pick(std::span<const int> options, int current) override;
  void on_yield(int) override { yielded_ = true; }
  bool end_schedule() override { return false; }

 private:
  struct Choice {
    int to;
    bool free;
  };
  std::map<std::pair<int, int>, Choice> switches_;  // (task, count) -> what to run
  std::vector<int> counts_;                         // by task + 1 (index 0: notifies)
  bool yielded_ = false;
};

}  // namespace interleave::engines::fiber
