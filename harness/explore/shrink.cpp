#include "explore/shrink.hpp"

#include <algorithm>
#include <set>
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

// One decision of a schedule, keyed as GuidedStrategy keys it: the task
// that reached it and how many decisions that task had reached before.
struct Switch {
  int task;
  int count;
  int to;
  bool preemption;

  auto key() const { return std::tie(task, count, to); }
  bool operator<(const Switch& other) const { return key() < other.key(); }
};

std::vector<Switch> switches_of(const Candidate& candidate) {
  std::vector<Switch> switches;
  std::vector<int> counts;
  for (std::size_t i = 0; i < candidate.schedule.size(); ++i) {
    const int task = candidate.deciding[i];
    const auto slot = static_cast<std::size_t>(task + 1);
    if (slot >= counts.size()) counts.resize(slot + 1, 0);
    switches.push_back({task, counts[slot]++, candidate.schedule[i], candidate.preempted[i] != 0});
  }
  return switches;
}

Strategy guided(const std::vector<Switch>& switches) {
  Strategy strategy;
  strategy.kind = Strategy::Kind::guided;
  for (const Switch& s : switches)
    strategy.script.insert(strategy.script.end(), {s.task, s.count, s.to, !s.preemption});
  return strategy;
}

std::vector<Switch> free_choices(const std::vector<Switch>& switches) {
  std::vector<Switch> free;
  std::copy_if(switches.begin(), switches.end(), std::back_inserter(free),
               [](const Switch& s) { return !s.preemption; });
  return free;
}

std::vector<Switch> preemptions_of(const std::vector<Switch>& switches) {
  std::vector<Switch> preemptions;
  std::copy_if(switches.begin(), switches.end(), std::back_inserter(preemptions),
               [](const Switch& s) { return s.preemption; });
  return preemptions;
}

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
  const std::vector<Switch> first_found = switches_of(best);
  int tasks = 0;
  for (const Switch& s : first_found) tasks = std::max({tasks, s.task + 1, s.to + 1});

  // Runs `strategy` once; keeps the outcome when it fails the same way and is better.
  auto improves = [&](const Strategy& strategy) {
    ++attempts;
    engine.use_strategy(strategy);
    const engines::RunOutcome& outcome = engine.run(body, 0);
    if (outcome.verdict != verdict) return false;
    Candidate candidate = Candidate::of(outcome);
    if (!candidate.better_than(best)) return false;
    best = std::move(candidate);
    return true;
  };

  // Delta debugging over preemptions: drop one (by position), or a half of
  // them, then a quarter, ... then one (keyed, every other switch kept where
  // it was).
  auto drop_preemptions = [&] {
    for (bool improved = true; improved && !spent();) {
      improved = false;
      const std::vector<Switch> switches = switches_of(best);
      std::vector<std::size_t> preempting;
      for (std::size_t i = 0; i < switches.size(); ++i)
        if (switches[i].preemption) preempting.push_back(i);
      // One at a time by position first (the recorded choices after the
      // dropped one kept as they were), then keyed, in halves, quarters, ...
      for (std::size_t p = 0; p < preempting.size() && !improved && !spent(); ++p) {
        std::vector<int> script = best.schedule;
        script[preempting[p]] = best.deciding[preempting[p]];
        improved = improves(replay(script));
      }
      for (std::size_t chunk = std::max<std::size_t>(1, preempting.size() / 2); !improved && !spent(); chunk /= 2) {
        for (std::size_t start = 0; start < preempting.size() && !improved && !spent(); start += chunk) {
          std::vector<Switch> trial;
          for (std::size_t i = 0, p = 0; i < switches.size(); ++i) {
            while (p < preempting.size() && preempting[p] < i) ++p;
            const bool dropped = p < preempting.size() && preempting[p] == i && p >= start && p < start + chunk;
            if (!dropped) trial.push_back(switches[i]);
          }
          improved = improves(guided(trial));
        }
        if (chunk == 1) break;
      }
    }
  };

  // Cut short: everything after a preemption point runs without preempting.
  auto cut_short = [&] {
    for (bool improved = true; improved && !spent();) {
      improved = false;
      for (std::size_t i = best.preempted.size(); i-- > 0 && !improved && !spent();) {
        if (!best.preempted[i]) continue;
        std::vector<int> script(best.schedule.begin(), best.schedule.begin() + static_cast<std::ptrdiff_t>(i));
        script.push_back(best.deciding[i]);
        improved = improves(replay(script));
      }
    }
  };

  // Preemption bounding seeded from the failing schedules' own switches:
  // free choices (the best schedule's, the first found's, or none) plus b
  // of their preemptions (b = 0, 1, 2), first to the task each preempted
  // for, then (one preemption) nearby and to any other, then anywhere.
  auto seeded_bounding = [&] {
    std::set<Switch> seen;
    for (const Switch& s : preemptions_of(first_found)) seen.insert(s);
    for (const Switch& s : preemptions_of(switches_of(best))) seen.insert(s);
    const std::vector<Switch> seeds(seen.begin(), seen.end());
    const int seeded_budget = attempts + (max_attempts - attempts) * 3 / 5;
    auto out_of_budget = [&] { return spent() || attempts >= seeded_budget; };
    const std::vector<Switch> first_free = free_choices(first_found);
    auto with = [&](const std::vector<Switch>& extra) {
      for (int base = 0; base < 3; ++base) {
        std::vector<Switch> trial = base == 0   ? free_choices(switches_of(best))
                                    : base == 1 ? first_free
                                                : std::vector<Switch>{};
        trial.insert(trial.end(), extra.begin(), extra.end());
        if (improves(guided(trial))) return true;
      }
      return false;
    };
    if (best.preemptions > 0 && !out_of_budget()) with({});
    for (std::size_t i = 0; i < seeds.size() && best.preemptions > 1 && !out_of_budget(); ++i) with({seeds[i]});
    // Then a decision or two earlier or later than each, and to any task.
    for (int offset : {1, -1, 2, -2, 0})
      for (std::size_t i = 0; i < seeds.size() && best.preemptions > 1 && !out_of_budget(); ++i)
        for (int to = 0; to < tasks && best.preemptions > 1 && !out_of_budget(); ++to) {
          const Switch moved{seeds[i].task, seeds[i].count + offset, to, true};
          if (to != moved.task && moved.count >= 0 && (offset != 0 || to != seeds[i].to)) with({moved});
        }
    // Then one preemption at any decision of the best schedule, to any task.
    const std::vector<Switch> decisions = switches_of(best);
    for (std::size_t i = 0; i < decisions.size() && best.preemptions > 1 && !out_of_budget(); ++i)
      for (int to = 0; to < tasks && best.preemptions > 1 && !out_of_budget(); ++to)
        if (decisions[i].task >= 0 && to != decisions[i].task)
          with({{decisions[i].task, decisions[i].count, to, true}});
    for (std::size_t i = 0; i < seeds.size() && best.preemptions > 2 && !out_of_budget(); ++i)
      for (std::size_t j = i + 1; j < seeds.size() && best.preemptions > 2 && !out_of_budget(); ++j)
        with({seeds[i], seeds[j]});
  };

  // The global preemption-bounded search below the best count: the first
  // bound that fails is the fewest, and a bound exhausted without failing
  // proves that none fewer fails.
  int exhausted_below = 0;  // every bound below this was searched to the end
  auto prove_fewest = [&] {
    for (int bound = exhausted_below; bound < best.preemptions && !spent(); ++bound) {
      engine.use_strategy(dfs(bound));
      bool found = false, exhausted = false;
      while (!spent() && !exhausted) {
        ++attempts;
        const engines::RunOutcome& outcome = engine.run(body, 0);
        exhausted = outcome.exhausted;
        if (outcome.verdict != verdict) continue;
        found = true;
        Candidate candidate = Candidate::of(outcome);
        if (candidate.better_than(best)) best = std::move(candidate);
      }
      if (found) return;
      if (!exhausted) return;
      exhausted_below = bound + 1;
    }
  };

  for (bool improved = true; improved && !spent();) {
    const Candidate before = best;
    drop_preemptions();
    cut_short();
    improved = best.better_than(before);
  }
  seeded_bounding();
  drop_preemptions();
  prove_fewest();
  // Fewer steps: shorter prefixes of the schedule, longest first.
  for (bool improved = true; improved && !spent();) {
    improved = false;
    for (std::size_t keep = best.schedule.size(); keep-- > 0 && !improved && !spent();) {
      std::vector<int> script(best.schedule.begin(), best.schedule.begin() + static_cast<std::ptrdiff_t>(keep));
      improved = improves(replay(script));
    }
  }
  return {best.schedule, best.preemptions, best.steps, attempts, exhausted_below >= best.preemptions};
}

}  // namespace interleave::exploration
