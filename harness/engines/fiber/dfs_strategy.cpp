#include "engines/fiber/dfs_strategy.hpp"

#include <algorithm>
#include <utility>

namespace interleave::engines::fiber {

void DfsStrategy::begin_schedule(std::uint64_t) {
  depth_ = 0;
  preemptions_ = 0;
  diverged_ = false;
  yielded_ = false;
}

int DfsStrategy::preemptions_of(const Decision& decision, std::size_t position) const {
  // Only the first entry of `order` continues the current task.
  return decision.preemptions_before + (decision.current_enabled && position > 0 ? 1 : 0);
}

std::size_t DfsStrategy::pick(std::span<const int> options, int current) {
  const bool yielded = std::exchange(yielded_, false);
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
  const bool current_enabled = running != options.end();
  // A task that yielded is switched away from for free: it goes last.
  decision.current_enabled = current_enabled && !yielded;
  std::size_t first = current_enabled ? static_cast<std::size_t>(running - options.begin()) : 0;
  if (current_enabled && yielded) first = first == 0 ? 1 : 0;
  decision.order.push_back(static_cast<int>(first));
  for (std::size_t i = 0; i < options.size(); ++i)
    if (i != first) decision.order.push_back(static_cast<int>(i));
  if (current_enabled && yielded) {  // the yielding task last
    auto self = std::find(decision.order.begin(), decision.order.end(), static_cast<int>(running - options.begin()));
    std::rotate(self, self + 1, decision.order.end());
  }
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
