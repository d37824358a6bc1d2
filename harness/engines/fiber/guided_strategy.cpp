#include "engines/fiber/guided_strategy.hpp"

#include <algorithm>

namespace interleave::engines::fiber {

GuidedStrategy::GuidedStrategy(const std::vector<int>& script) {
  for (std::size_t i = 0; i + 3 < script.size(); i += 4)
    switches_[{script[i], script[i + 1]}] = Choice{script[i + 2], script[i + 3] != 0};
}

void GuidedStrategy::begin_schedule(std::uint64_t) {
  counts_.clear();
  yielded_ = false;
}

std::size_t GuidedStrategy::pick(std::span<const int> options, int current) {
  const bool yielded = std::exchange(yielded_, false);
  const auto slot = static_cast<std::size_t>(current + 1);
  if (slot >= counts_.size()) counts_.resize(slot + 1, 0);
  const int count = counts_[slot]++;
  auto running = std::find(options.begin(), options.end(), current);
  const bool can_go_on = current >= 0 && running != options.end() && !yielded;
  if (auto listed = switches_.find({current, count}); listed != switches_.end() && !(listed->second.free && can_go_on))
    if (auto to = std::find(options.begin(), options.end(), listed->second.to); to != options.end())
      return static_cast<std::size_t>(to - options.begin());
  if (current < 0) return 0;
  if (can_go_on) return static_cast<std::size_t>(running - options.begin());
  auto after = std::upper_bound(options.begin(), options.end(), current);
  return after != options.end() ? static_cast<std::size_t>(after - options.begin()) : 0;
}

}  // namespace interleave::engines::fiber
