#include "explore/shrink.hpp"

#include <tuple>

namespace interleave::exploration {
namespace {

struct Candidate {
  std::vector<int> schedule;
  std::vector<int> deciding;
  std::vector<std::uint8_t> preempted;
  int preemptions;
  std::uint64_t steps;

  static Candidate of(const engines::RunOutcome& outcome) {
    return {outcome.schedule, outcome.deciding, outcome.preempted, outcome.preemptions, outcome.steps};
  }
  bool better_than(const Candidate& other) const {
    return std::tie(preemptions, steps) < std::tie(other.preemptions, other.steps);
  }
};

}  // namespace

ShrunkSchedule shrink_schedule(engines::Engine& engine, const std::function<void()>& body,
                               const engines::RunOutcome& failing, int max_attempts,
                               std::chrono::milliseconds max_time) {
  const Verdict verdict = failing.verdict;
  int attempts = 0;
  // Both budgets count: a replay can cost real time (a scenario that blocks).
  const auto give_up_at = std::chrono::steady_clock::now() + max_time;
  auto spent = [&] { return attempts >= max_attempts || std::chrono::steady_clock::now() >= give_up_at; };
  Candidate best = Candidate::of(failing);

  // Replays `script` (continuing without preemption past its end); keeps it
  // when it fails the same way and is better.
  auto improves = [&](const std::vector<int>& script) {
    ++attempts;
    engine.use_strategy(replay(script));
    const engines::RunOutcome& outcome = engine.run(body, 0);
    if (outcome.verdict != verdict) return false;
    Candidate candidate = Candidate::of(outcome);
    if (!candidate.better_than(best)) return false;
    best = std::move(candidate);
    return true;
  };

  // Fewest preemptions, guaranteed within the budget: preemption-bounded
  // search below the best count so far finds the smallest bound that fails.
  // Then, within that bound, the failing schedule with the fewest steps that
  // the rest of the budget can find.
  auto search_with_fewer_preemptions = [&] {
    for (int bound = 0; bound <= best.preemptions && !spent(); ++bound) {
      engine.use_strategy(dfs(bound));
      bool found = false;
      while (!spent()) {
        ++attempts;
        const engines::RunOutcome& outcome = engine.run(body, 0);
        if (outcome.verdict == verdict) {
          found = true;
          Candidate candidate = Candidate::of(outcome);
          if (candidate.better_than(best)) best = std::move(candidate);
        }
        if (outcome.exhausted) break;
      }
      if (found) return;
    }
  };

  bool improved = true;
  bool searched = false;
  while (improved && !spent()) {
    improved = false;
    std::vector<std::size_t> preemptions;
    for (std::size_t i = 0; i < best.preempted.size(); ++i)
      if (best.preempted[i]) preemptions.push_back(i);

    // Drop one preemption: the task that was running keeps running there.
    for (std::size_t i : preemptions) {
      if (spent()) break;
      std::vector<int> script = best.schedule;
      script[i] = best.deciding[i];
      if ((improved = improves(script))) break;
    }
    if (improved) continue;

    // Cut short: everything after a preemption point runs without preempting.
    for (auto it = preemptions.rbegin(); it != preemptions.rend() && !spent(); ++it) {
      std::vector<int> script(best.schedule.begin(), best.schedule.begin() + static_cast<std::ptrdiff_t>(*it));
      script.push_back(best.deciding[*it]);
      if ((improved = improves(script))) break;
    }
    if (improved) continue;

    if (!searched) {
      searched = true;
      const Candidate before = best;
      search_with_fewer_preemptions();
      if ((improved = best.better_than(before))) continue;
    }

    // Fewer steps: shorter prefixes of the schedule, longest first.
    for (std::size_t keep = best.schedule.size(); keep-- > 0 && !spent();) {
      std::vector<int> script(best.schedule.begin(), best.schedule.begin() + static_cast<std::ptrdiff_t>(keep));
      if ((improved = improves(script))) break;
    }
  }
  return {best.schedule, best.preemptions, best.steps, attempts};
}

}  // namespace interleave::exploration
