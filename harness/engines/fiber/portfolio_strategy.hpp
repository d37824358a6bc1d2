#pragma once

#include "engines/fiber/pct_strategy.hpp"
#include "engines/fiber/random_strategy.hpp"

namespace interleave::engines::fiber {

// The default: even schedules use the random walk, odd ones PCT of depth 3.
// The random walk finds shallow bugs in few schedules; PCT keeps a
// guaranteed chance per schedule for bugs that need several preemptions.
class PortfolioStrategy final : public Strategy {
 public:
  void begin_schedule(std::uint64_t seed) override {
    active_ = (seed & 1) == 0 ? static_cast<Strategy*>(&random_) : &pct_;
    active_->begin_schedule(seed);
  }
  std::size_t pick(std::span<const int> options, int current) override { return active_->pick(options, current); }
  bool end_schedule() override { return active_->end_schedule(); }
  void on_yield(int task) override { active_->on_yield(task); }

 private:
  RandomStrategy random_;
  PctStrategy pct_{3};
  Strategy* active_ = &random_;
};

}  // namespace interleave::engines::fiber
