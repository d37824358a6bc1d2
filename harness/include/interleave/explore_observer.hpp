#pragma once

// How a test framework's assertions inside an explored body become the
// schedule's verdict: see interleave/gtest.hpp, which uses this for
// GoogleTest.

#include <string>
#include <string_view>

namespace interleave {

struct ExploreResult;

// Told, on the caller's thread, when each explore() or replay_token()
// begins and ends.
class ExploreObserver {
 public:
  virtual ~ExploreObserver() = default;
  virtual void exploration_begins() = 0;
  // `result` is null when the exploration ended by an exception.
  virtual void exploration_ends(const ExploreResult* result) = 0;
};

// One observer at a time; null removes it. Not for use while an
// exploration runs.
void observe_explorations(ExploreObserver* observer);

// A check of another framework failed, at file:line: when the calling
// thread runs a task of an interleave run, that task's schedule fails with
// an invariant verdict and `message`, and true is returned (the call
// itself returns; the schedule ends at the task's next operation). False
// when no run is active on this thread.
bool fail_current_schedule(std::string_view message, std::string_view file, int line);

}  // namespace interleave
