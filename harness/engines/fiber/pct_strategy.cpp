#include "engines/fiber/pct_strategy.hpp"

#include <algorithm>

namespace interleave::engines::fiber {

void PctStrategy::begin_schedule(std::uint64_t seed) {
  random_.reseed(seed);
  priorities_.clear();
  decisions_ = 0;
  lowest_ = 0;
  change_points_.clear();
  for (int i = 1; i < depth_; ++i)
    change_points_.push_back(1 + random_.below(static_cast<std::uint32_t>(max_decisions_)));
  std::sort(change_points_.begin(), change_points_.end());
}

// Initial priorities lie above every value a change point can assign (1 .. depth-1).
long PctStrategy::priority_of(int task) {
  if (task >= static_cast<int>(priorities_.size())) priorities_.resize(task + 1, 0);
  if (priorities_[task] == 0) priorities_[task] = depth_ + 1 + static_cast<long>(random_.below(1u << 30));
  return priorities_[task];
}

std::size_t PctStrategy::pick(std::span<const int> options, int current) {
  ++decisions_;
  for (std::size_t j = 0; j < change_points_.size(); ++j)
    if (change_points_[j] == decisions_ && current >= 0) {
      priority_of(current);
      priorities_[current] = static_cast<long>(depth_ - 1 - j);  // later change points go lower
    }
  std::size_t best = 0;
  for (std::size_t i = 1; i < options.size(); ++i)
    if (priority_of(options[i]) > priority_of(options[best])) best = i;
  return best;
}

void PctStrategy::on_yield(int task) {
  priority_of(task);
  priorities_[task] = --lowest_;
}

bool PctStrategy::end_schedule() {
  max_decisions_ = std::max(max_decisions_, decisions_);
  return true;
}

}  // namespace interleave::engines::fiber
