#include "engines/fiber/pos_strategy.hpp"

namespace interleave::engines::fiber {

void PosStrategy::begin_schedule(std::uint64_t seed) {
  random_.reseed(seed);
  priorities_.clear();
  events_ = {};
  last_chosen_ = -1;
  last_event_ = {};
  yielded_ = -1;
  lowest_ = 0;
}

std::int64_t& PosStrategy::priority_of(int task) {
  if (task >= static_cast<int>(priorities_.size())) priorities_.resize(task + 1, 0);
  std::int64_t& priority = priorities_[task];
  if (priority == 0) priority = fresh();
  return priority;
}

std::size_t PosStrategy::pick(std::span<const int> options, int /*current*/) {
  // Not about who runs (which waiter a notify wakes; no events were shown): uniform.
  if (events_.empty()) return random_.below(static_cast<std::uint32_t>(options.size()));
  if (last_chosen_ >= 0) {
    // The event last chosen has run: whatever raced with it is re-drawn.
    priority_of(last_chosen_) = fresh();
    for (std::size_t task = 0; task < events_.size(); ++task)
      if (static_cast<int>(task) != last_chosen_ && events_[task].races_with(last_event_))
        priority_of(static_cast<int>(task)) = fresh();
  }
  if (yielded_ >= 0) {
    priority_of(yielded_) = --lowest_;
    yielded_ = -1;
  }
  std::size_t best = 0;
  for (std::size_t i = 1; i < options.size(); ++i)
    if (priority_of(options[i]) > priority_of(options[best])) best = i;
  last_chosen_ = options[best];
  last_event_ = static_cast<std::size_t>(last_chosen_) < events_.size() ? events_[last_chosen_] : PendingEvent{};
  events_ = {};
  return best;
}

}  // namespace interleave::engines::fiber
