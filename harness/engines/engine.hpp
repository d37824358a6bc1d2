#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "interleave/explore.hpp"
#include "interleave/verdict.hpp"

namespace interleave::engines {

// What one schedule of one body concluded.
struct RunOutcome {
  Verdict verdict = Verdict::clean;
  std::string message;
  std::vector<std::string> details;
  std::uint64_t steps = 0;
  // The index chosen at every scheduling decision that had more than one
  // option: the schedule itself, compared by the determinism tests.
  std::vector<std::uint32_t> choices;
};

// Runs a body under one schedule chosen by a seed. An engine is reused for
// many schedules and lives on one OS thread.
class Engine {
 public:
  virtual ~Engine() = default;
  // The outcome stays valid until the next run (no copy per schedule).
  virtual const RunOutcome& run(const std::function<void()>& body, std::uint64_t seed) = 0;
};

std::unique_ptr<Engine> make_engine(const ExploreOptions& options);

}  // namespace interleave::engines
