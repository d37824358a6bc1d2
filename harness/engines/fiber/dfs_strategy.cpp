#include "engines/fiber/dfs_strategy.hpp"

#include <algorithm>

namespace interleave::engines::fiber {

void DfsStrategy::begin_schedule(std::uint64_t) {
  depth_ = 0;
  preemptions_ = 0;
  diverged_ = false;
}

int DfsStrategy::preemptions_of(const Decision& decision, std::size_t position) const {
  // Only the first entry of `order` continues the current task.
  return decision.preemptions_before + (decision.current_enabled && position > 0 ? 1 : 0);
}

std::size_t DfsStrategy::pick(std::span<const int> options, int current) {
  if (depth_ < path_.size()) {
    Decision& decision = path_[depth_++];
    if (decision.order.size() != options.size()) {
      diverged_ = true;  // the program did not repeat itself: nondeterminism outside the harness
      return 0;
    }
    preemptions_ = preemptions_of(decision, decision.taken);
    return static_cast<std::size_t>(decision.order[decision.taken]);
  }
  Decision decision;
  decision.preemptions_before = preemptions_;
  auto running = std::find(options.begin(), options.end(), current);
  decision.current_enabled = running != options.end();
  std::size_t first = decision.current_enabled ? static_cast<std::size_t>(running - options.begin()) : 0;
  decision.order.push_back(static_cast<int>(first));
  for (std::size_t i = 0; i < options.size(); ++i)
    if (i != first) decision.order.push_back(static_cast<int>(i));
  path_.push_back(std::move(decision));
  ++depth_;
  return first;
}

bool DfsStrategy::end_schedule() {
  path_.resize(depth_);
  while (!path_.empty()) {
    Decision& last = path_.back();
    std::size_t next = last.taken + 1;
    bool within_bound = max_preemptions_ < 0 || preemptions_of(last, next) <= max_preemptions_;
    if (next < last.order.size() && within_bound) {
      last.taken = next;
      return true;
    }
    path_.pop_back();
  }
  return false;
}

}  // namespace interleave::engines::fiber
