#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "interleave/explore.hpp"
#include "interleave/verdict.hpp"

namespace interleave::engines {

// How a lock-order inversion is listed in the details of another verdict
// (a deadlock, a failed check) that the same program reached.
inline constexpr std::string_view kInversionDetail = "lock order inversion: ";

// What one schedule of one body concluded.
struct RunOutcome {
  Verdict verdict = Verdict::clean;
  std::string message;
  std::vector<std::string> details;
  std::uint64_t steps = 0;
  bool workers_acted = false;  // some task other than main reached a runtime operation
  int tasks = 0;
  // The task chosen at every decision that had more than one option: the
  // schedule itself, which a ReplayStrategy follows again.
  std::vector<int> schedule;
  // The task that was running at each decision (-1 when the decision was
  // not about who runs); where it differs from `schedule` and that task
  // could have continued, the decision was a preemption.
  std::vector<int> deciding;
  std::vector<std::uint8_t> preempted;  // bytes, not vector<bool>: this is on the hot path
  int preemptions = 0;
  std::vector<TraceEvent> events;  // only while recording
  bool exhausted = false;          // the strategy has no schedule left
  bool diverged = false;           // the strategy's script did not fit this run
};

// Runs a body under one schedule chosen by a seed. An engine is reused for
// many schedules and lives on one OS thread.
class Engine {
 public:
  virtual ~Engine() = default;
  // The outcome stays valid until the next run (no copy per schedule).
  virtual const RunOutcome& run(const std::function<void()>& body, std::uint64_t seed) = 0;

  // Whether runs can follow a recorded schedule (use_strategy(replay(...))),
  // which shrinking and replay need.
  virtual bool deterministic() const { return false; }
  virtual void use_strategy(const Strategy&) {}
  virtual void set_recording(bool) {}
};

std::unique_ptr<Engine> make_engine(const ExploreOptions& options);

}  // namespace interleave::engines
