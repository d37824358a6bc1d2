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

void PosStrategy::see_events(std::span<const PendingEvent> by_task) {
  events_ = by_task;
  while (priorities_.size() < by_task.size()) priorities_.push_back(kUndrawn);
}

std::size_t PosStrategy::pick(std::span<const int> options, int /*current*/) {
  // Not about who runs (which waiter a notify wakes; no events were shown): uniform.
  if (events_.empty()) return random_.below(static_cast<std::uint32_t>(options.size()));
  // Which task races with the event that ran, and which option is highest,
  // are coin flips to the branch predictor: both loops select without
  // branching.
  if (last_chosen_ >= 0) {
    // The event last chosen has run: the task's next one, and whatever
    // raced with the one that ran, are drawn again. A draw waits until the
    // task is next an option: drawn then or now, it is one fresh uniform
    // value, and most racing tasks are waiting for the lock that ran.
    priorities_[last_chosen_] = kUndrawn;
    if (const void* object = last_event_.object; object != nullptr)
      for (std::size_t task = 0; task < events_.size(); ++task) {
        const bool races = events_[task].object == object && !(last_event_.read_only && events_[task].read_only);
        priorities_[task] = races ? kUndrawn : priorities_[task];
      }
  }
  if (yielded_ >= 0 && static_cast<std::size_t>(yielded_) < priorities_.size()) priorities_[yielded_] = --lowest_;
  yielded_ = -1;
  const std::uint64_t draw = random_.next();
  std::size_t best = 0;
  std::int64_t top = kUndrawn;
  for (std::size_t i = 0; i < options.size(); ++i) {
    std::int64_t& slot = priorities_[options[i]];
    const std::int64_t priority = slot == kUndrawn ? fresh(draw, options[i]) : slot;
    slot = priority;
    const bool higher = i == 0 || priority > top;
    best = higher ? i : best;
    top = higher ? priority : top;
  }
  last_chosen_ = options[best];
  last_event_ = events_[last_chosen_];
  events_ = {};
  return best;
}

}  // namespace interleave::engines::fiber
