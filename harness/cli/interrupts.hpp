#pragma once

#include <atomic>

namespace interleave::cli {

// SIGINT and SIGTERM while it lives: the first one sets requested(), which
// exploration reads at each schedule boundary, so the run ends with complete
// reports; a second one ends the process at once, as if no handler were set.
class InterruptScope {
 public:
  InterruptScope();
  ~InterruptScope();
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;

  const std::atomic<bool>& requested() const;
};

// The exit status of a run ended by an interrupt, as a shell reports one.
inline constexpr int kInterrupted = 130;

}  // namespace interleave::cli
