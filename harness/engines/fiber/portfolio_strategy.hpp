#pragma once

#include "engines/fiber/pct_strategy.hpp"
#include "engines/fiber/pos_strategy.hpp"
#include "engines/fiber/random_strategy.hpp"

namespace interleave::engines::fiber {

// The default: schedule seeds take POS, the random walk and PCT of depth 3
// in turn. POS finds bugs that need several tasks lined up in one order;
// the random walk, shallow bugs among many tasks; PCT keeps a guaranteed
// chance per schedule for bugs of depth 3.
class PortfolioStrategy final : public Strategy {
 public:
  void begin_schedule(std::uint64_t seed) override {
    switch (seed % 3) {
      case 0:
        active_ = &pos_;
        break;
      case 1:
        active_ = &random_;
        break;
      default:
        active_ = &pct_;
    }
    active_->begin_schedule(seed);
  }
  std::size_t pick(std::span<const int> options, int current) override { return active_->pick(options, current); }
  // Asked again at each schedule: only POS's schedules pay for the events.
  bool wants_events() const override { return active_ == &pos_; }
  void see_events(std::span<const PendingEvent> by_task) override { pos_.see_events(by_task); }
  bool end_schedule() override { return active_->end_schedule(); }
  void on_yield(int task) override { active_->on_yield(task); }

 private:
  PosStrategy pos_;
  RandomStrategy random_;
  PctStrategy pct_{3};
  Strategy* active_ = &pos_;
};

}  // namespace interleave::engines::fiber
