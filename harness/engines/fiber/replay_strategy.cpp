#include "engines/fiber/replay_strategy.hpp"

#include <algorithm>

namespace interleave::engines::fiber {

std::size_t ReplayStrategy::pick(std::span<const int> options, int current) {
  if (position_ < script_.size()) {
    auto wanted = std::find(options.begin(), options.end(), script_[position_++]);
    if (wanted != options.end()) return static_cast<std::size_t>(wanted - options.begin());
    diverged_ = true;
  }
  auto running = std::find(options.begin(), options.end(), current);
  return running != options.end() ? static_cast<std::size_t>(running - options.begin()) : 0;
}

}  // namespace interleave::engines::fiber
