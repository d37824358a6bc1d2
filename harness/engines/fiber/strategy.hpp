#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace interleave::engines::fiber {

// Decides which task runs at each scheduling decision of the fiber engine.
// One implementation per exploration strategy (random walk, PCT, DFS, replay).
class Strategy {
 public:
  virtual ~Strategy() = default;

  // Called before each schedule.
  virtual void begin_schedule(std::uint64_t seed) = 0;

  // Picks one of `options` (ascending task ids, at least two); `current` is
  // the task that reached the decision, or -1 when it cannot continue or the
  // decision is not about who runs (which waiter a notify wakes).
  virtual std::size_t pick(std::span<const int> options, int current) = 0;

  // The current task reached an explicit yield_point(): it says it cannot
  // make progress yet (a spin loop), so a fair strategy should let others run.
  virtual void on_yield(int /*task*/) {}

  // Called after each schedule; false when the strategy has no schedule left
  // (an exhausted search, a replay that ran).
  virtual bool end_schedule() { return true; }

  // True when the last schedule did not follow the strategy's script (a
  // replay whose recorded choices no longer fit the program).
  virtual bool diverged() const { return false; }
};

}  // namespace interleave::engines::fiber
