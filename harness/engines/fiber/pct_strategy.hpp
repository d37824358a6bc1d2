#pragma once

#include <vector>

#include "engines/fiber/strategy.hpp"
#include "engines/seeded_random.hpp"

namespace interleave::engines::fiber {

// PCT (Burckhardt et al., ASPLOS 2010): every task gets a random priority and
// the highest-priority enabled task runs; at depth-1 random decision points
// the running task's priority drops below all others. A bug of depth d is
// found by one schedule with probability at least 1/(n·k^(d-1)) for n tasks
// and k decisions. k is learnt from the schedules run so far.
class PctStrategy final : public Strategy {
 public:
  explicit PctStrategy(int depth) : depth_(depth) {}

  void begin_schedule(std::uint64_t seed) override;
  std::size_t pick(std::span<const int> options, int current) override;
  bool end_schedule() override;
  // A spinning task drops below every other, or PCT would starve the task it waits for.
  void on_yield(int task) override;

  int depth() const { return depth_; }

 private:
  long priority_of(int task);

  int depth_;
  SeededRandom random_;
  std::vector<long> priorities_;              // by task id; 0 = not yet assigned
  std::vector<std::uint64_t> change_points_;  // decision numbers, ascending
  std::uint64_t decisions_ = 0;
  std::uint64_t max_decisions_ = 64;  // the k of the bound, learnt
  long lowest_ = 0;                   // yielding tasks go below this
};

}  // namespace interleave::engines::fiber
