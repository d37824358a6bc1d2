#pragma once

#include <vector>

#include "engines/fiber/strategy.hpp"

namespace interleave::engines::fiber {

// Follows a recorded schedule: the task chosen at each decision. Past its
// end, or where the recorded task is not among the options, it continues
// without preempting (the current task if it can run, else the lowest id)
// and, if the script did not fit, reports the divergence. The shrinker uses
// shortened scripts on purpose; replay reports any divergence to the user.
class ReplayStrategy final : public Strategy {
 public:
  explicit ReplayStrategy(std::vector<int> script) : script_(std::move(script)) {}

  void begin_schedule(std::uint64_t) override {
    position_ = 0;
    diverged_ = false;
  }
  std::size_t pick(std::span<const int> options, int current) override;
  bool end_schedule() override { return false; }
  bool diverged() const override { return diverged_ || position_ < script_.size(); }

 private:
  std::vector<int> script_;
  std::size_t position_ = 0;
  bool diverged_ = false;
};

}  // namespace interleave::engines::fiber
