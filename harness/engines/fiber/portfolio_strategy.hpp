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
  enum class Member { pos, random, pct };

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
    static constexpr Member kTurns[] = {Member::pos, Member::pct, Member::random, Member::pct};
    active_ = kTurns[seed % std::size(kTurns)];
    visit([&](auto& member) { member.begin_schedule(seed); });
  }
  // The engine asks the member itself: a decision costs one virtual call.
  Strategy& deciding() override {
    return visit([](auto& member) -> Strategy& { return member; });
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
