#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace interleave::engines::fiber {

// What a task does when it next runs: the object its operation touches
// (null: none another task can touch: a sleep, a yield, a task not yet
// started) and whether it only reads it. Two events race when they touch
// one object and one of them writes.
struct PendingEvent {
  const void* object = nullptr;
  bool read_only = false;

  bool races_with(const PendingEvent& other) const {
    return object != nullptr && object == other.object && !(read_only && other.read_only);
  }
};

// Decides which task runs at each scheduling decision of the fiber engine.
// One implementation per exploration strategy (random walk, PCT, POS, DFS,
// replay, the shrinker's guided replay).
class Strategy {
 public:
  virtual ~Strategy() = default;

  // Called before each schedule.
  virtual void begin_schedule(std::uint64_t seed) = 0;

  // The strategy that makes this schedule's decisions (pick, see_events,
  // on_yield), asked after each begin_schedule(): itself, or the member a
  // portfolio chose, so that a decision costs one virtual call.
  virtual Strategy& deciding() { return *this; }

  // Picks one of `options` (ascending task ids, at least two); `current` is
  // the task that reached the decision, or -1 when it cannot continue or the
  // decision is not about who runs (which waiter a notify wakes).
  virtual std::size_t pick(std::span<const int> options, int current) = 0;

  // True when the strategy reads every task's pending event: the engine
  // then calls see_events() before each pick() about who runs. Asked after
  // each begin_schedule().
  virtual bool wants_events() const { return false; }
  // Every task's pending event, by task id; valid until the pick.
  virtual void see_events(std::span<const PendingEvent> /*by_task*/) {}

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
