#pragma once

#include <chrono>
#include <ctime>

#include "interleave/backend.hpp"

namespace interleave::engines::threads {

using Clock = std::chrono::steady_clock;

// When a timed wait that starts now ends; a timeout too long to represent
// means never.
inline Clock::time_point deadline_after(Duration timeout) {
  const auto now = Clock::now();
  return timeout >= Clock::time_point::max() - now ? Clock::time_point::max() : now + timeout;
}

// A duration as the timespec that futex and pthread calls take.
inline timespec to_timespec(std::chrono::nanoseconds duration) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(duration);
  return {static_cast<time_t>(seconds.count()), static_cast<long>((duration - seconds).count())};
}

}  // namespace interleave::engines::threads
