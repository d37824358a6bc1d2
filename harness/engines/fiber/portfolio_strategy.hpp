#pragma once

#include "engines/fiber/pct_strategy.hpp"
#include "engines/fiber/pos_strategy.hpp"
#include "engines/fiber/random_strategy.hpp"

namespace interleave::engines::fiber {

// The default: of every four schedule seeds, one takes POS, one the random
// walk and two PCT of depth 3. POS finds bugs that need several tasks lined
// up in one order; the random walk, shallow bugs among many tasks; PCT
// keeps a guaranteed chance per schedule for bugs of depth 3, and is the
// cheapest per schedule (POS switches tasks most often, the dearest).
class PortfolioStrategy final : public Strategy {
 public:
  void begin_schedule(std::uint64_t seed) override {
    Strategy* const turns[] = {&pos_, &pct_, &random_, &pct_};
    active_ = turns[seed % std::size(turns)];
    active_->begin_schedule(seed);
  }
  // The engine asks the member itself: a decision costs one virtual call.
  // The forwarding below is for callers that hold the portfolio.
  Strategy& deciding() override { return *active_; }
  std::size_t pick(std::span<const int> options, int current) override { return active_->pick(options, current); }
  bool wants_events() const override { return active_->wants_events(); }
  void see_events(std::span<const PendingEvent> by_task) override { active_->see_events(by_task); }
  bool end_schedule() override { return active_->end_schedule(); }
  void on_yield(int task) override { active_->on_yield(task); }

 private:
  PosStrategy pos_;
  RandomStrategy random_;
  PctStrategy pct_{3};
  Strategy* active_ = &pos_;
};

}  // namespace interleave::engines::fiber
