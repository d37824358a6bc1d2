#pragma once

#include <cstdint>
#include <vector>

#include "engines/fiber/strategy.hpp"

namespace interleave::engines::fiber {

// Exhaustive depth-first search over scheduling decisions, with at most
// `max_preemptions` preemptions per schedule (a negative bound: none, every
// interleaving). Each schedule replays the path to the deepest decision with
// an untried alternative, takes that alternative, and continues without
// preempting. end_schedule() is false once every alternative was tried.
class DfsStrategy final : public Strategy {
 public:
  explicit DfsStrategy(int max_preemptions) : max_preemptions_(max_preemptions) {}

  void begin_schedule(std::uint64_t seed) override;
  std::size_t pick(std::span<const int> options, int current) override;
  bool end_schedule() override;
  bool diverged() const override { return diverged_; }
  // After a yield, switching away is the default and costs no preemption.
  void on_yield(int) override { yielded_ = true; }

  int max_preemptions() const { return max_preemptions_; }

 private:
  struct Decision {
    std::vector<int> order;  // option indices: the non-preemptive one first
    std::size_t taken = 0;   // position in `order`
    bool current_enabled = false;
    int preemptions_before = 0;
  };
  int preemptions_of(const Decision& decision, std::size_t position) const;

  int max_preemptions_;
  std::vector<Decision> path_;
  std::size_t depth_ = 0;
  int preemptions_ = 0;
  bool diverged_ = false;
  bool yielded_ = false;
};

}  // namespace interleave::engines::fiber
