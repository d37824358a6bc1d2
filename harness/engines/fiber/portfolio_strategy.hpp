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
  enum class Member { pos, random, pct };

  // Calls `f` on the active member as its own (final) type, so that a
  // decision costs one virtual call, not two: pick() runs at every step.
  template <class F>
  decltype(auto) visit(F&& f) {
    switch (active_) {
      case Member::pos:
        return f(pos_);
      case Member::random:
        return f(random_);
      default:
        return f(pct_);
    }
  }

 public:
  void begin_schedule(std::uint64_t seed) override {
    active_ = static_cast<Member>(seed % 3);
    visit([&](auto& member) { member.begin_schedule(seed); });
  }
  std::size_t pick(std::span<const int> options, int current) override {
    return visit([&](auto& member) { return member.pick(options, current); });
  }
  // Asked again at each schedule: only POS's schedules pay for the events.
  bool wants_events() const override { return active_ == Member::pos; }
  void see_events(std::span<const PendingEvent> by_task) override { pos_.see_events(by_task); }
  bool end_schedule() override {
    return visit([](auto& member) { return member.end_schedule(); });
  }
  void on_yield(int task) override {
    visit([&](auto& member) { member.on_yield(task); });
  }

 private:
  PosStrategy pos_;
  RandomStrategy random_;
  PctStrategy pct_{3};
  Member active_ = Member::pos;
};

}  // namespace interleave::engines::fiber
