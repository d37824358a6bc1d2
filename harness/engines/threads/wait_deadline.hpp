#pragma once

#include <chrono>

#include "interleave/backend.hpp"

namespace interleave::engines::threads {

using Clock = std::chrono::steady_clock;

// When a timed wait that starts now ends; a timeout too long to represent
// means never.
inline Clock::time_point deadline_after(Duration timeout) {
  const auto now = Clock::now();
  return timeout >= Clock::time_point::max() - now ? Clock::time_point::max() : now + timeout;
}

}  // namespace interleave::engines::threads
