#pragma once

#include "interleave/explore.hpp"
#include "interleave/explore_observer.hpp"

namespace interleave::exploration {

// Tells the installed ExploreObserver, if any, that an exploration begins;
// ended() or, when an exception ends it, the destructor tells it the end.
class ObservedExploration {
 public:
  ObservedExploration();
  ~ObservedExploration();
  ObservedExploration(const ObservedExploration&) = delete;
  ObservedExploration& operator=(const ObservedExploration&) = delete;

  void ended(const ExploreResult& result);

 private:
  ExploreObserver* observer_;
};

}  // namespace interleave::exploration
