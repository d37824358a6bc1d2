#pragma once

#include <vector>

#include "engines/fiber/strategy.hpp"
#include "engines/seeded_random.hpp"

namespace interleave::engines::fiber {

// Partial Order Sampling (Yuan, Yang and Gu, CAV 2018): every pending event
// has a random priority and the enabled task whose event has the highest
// runs. Once an event has run, the task's next event gets a fresh priority,
// and so does every pending event that races with the one that ran (same
// object, one of them a write). The re-draw is what makes it sample partial
// orders nearly uniformly, where a random walk favours the orders in which
// tasks take turns often: a bug that needs four tasks to line up in one
// order is found in tens of schedules, not hundreds of thousands.
// A task at a yield_point() (a spin loop) goes below every other, as in PCT.
class PosStrategy final : public Strategy {
 public:
  void begin_schedule(std::uint64_t seed) override;
  std::size_t pick(std::span<const int> options, int current) override;
  bool wants_events() const override { return true; }
  void see_events(std::span<const PendingEvent> by_task) override;
  void on_yield(int task) override { yielded_ = task; }

 private:
  static constexpr std::int64_t kUndrawn = 0;  // fresh() is above it, a yielding task below
  // One task's fresh priority from this pick's random draw: distinct tasks
  // get independent-looking values from one draw.
  static std::int64_t fresh(std::uint64_t draw, int task) {
    return static_cast<std::int64_t>(SeededRandom::mix(draw + static_cast<std::uint64_t>(task) * kOddStep) >> 2) + 1;
  }
  static constexpr std::uint64_t kOddStep = 0x9e3779b97f4a7c15ULL;

  SeededRandom random_;
  std::vector<std::int64_t> priorities_;  // by task id, drawn as tasks appear
  std::span<const PendingEvent> events_;
  int last_chosen_ = -1;
  PendingEvent last_event_;  // the event last_chosen_ was about to run
  int yielded_ = -1;
  std::int64_t lowest_ = 0;  // yielding tasks go below this
};

}  // namespace interleave::engines::fiber
