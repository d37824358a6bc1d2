#pragma once

// Happens-before computed by brute force over a recorded trace, as the C++
// memory model defines it for locks and seq_cst atomics: the transitive
// closure of program order, spawn -> the child's first event, the child's
// last event -> join, every release of a mutex -> each later acquire of it,
// and an atomic store or read-modify-write -> each load or
// read-modify-write that reads from its release sequence (the store, then
// the read-modify-writes that follow it; C++20: another store ends it).
// Nothing is shared with the race detector: this is its oracle.

#include <cstddef>
#include <optional>
#include <vector>

#include "recorded_trace.hpp"

namespace interleave::fuzz {

class HappensBefore {
 public:
  explicit HappensBefore(const Trace& trace);
  // Whether events[earlier] happens before events[later] (earlier < later).
  bool ordered(std::size_t earlier, std::size_t later) const { return before_[later][earlier]; }

 private:
  std::vector<std::vector<bool>> before_;  // before_[j][i]: i happens before j
};

// The first plain access in trace order that conflicts with (same variable,
// another task, one of them a write) an earlier access not ordered before
// it, with every such earlier access.
struct FirstRace {
  std::size_t later = 0;
  std::vector<std::size_t> earlier;
};
std::optional<FirstRace> first_race(const Trace& trace);

}  // namespace interleave::fuzz
