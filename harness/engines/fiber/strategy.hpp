#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace interleave::engines::fiber {

// Decides which task runs at each scheduling decision of the fiber engine.
// One implementation per exploration strategy (random walk, PCT, ...).
class Strategy {
 public:
  virtual ~Strategy() = default;

  // Called before each schedule.
  virtual void begin_schedule(std::uint64_t seed) = 0;

  // Picks one of `options` (ascending task ids, at least two); `current` is
  // the task that reached the decision, or -1 when it cannot continue.
  virtual std::size_t pick(std::span<const int> options, int current) = 0;
};

}  // namespace interleave::engines::fiber
