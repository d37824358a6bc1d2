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
  std::int64_t fresh() { return static_cast<std::int64_t>(random_.next() >> 2) + 1; }

  SeededRandom random_;
  std::vector<std::int64_t> priorities_;  // by task id, drawn as tasks appear
  std::span<const PendingEvent> events_;
  int last_chosen_ = -1;
  PendingEvent last_event_;  // the event last_chosen_ was about to run
  int yielded_ = -1;
  std::int64_t lowest_ = 0;  // yielding tasks go below this
};

}  // namespace interleave::engines::fiber
