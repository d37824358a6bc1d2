#pragma once

// A LincheckRunner (interleave/lincheck_variant.hpp) from a sequential
// model, a generator of per-task scripts, and `make`/`apply` as for
// lincheck::check. Case k draws its scripts from rapidcheck's generator
// seeded with seed + k and explores them; the first failing case is shrunk
// along rapidcheck's shrink tree to the smallest case that fails with the
// same verdict (fewest operations), and its schedule then by explore's
// shrinker (fewest preemptions).
//
//   LincheckRunner run = lincheck::runner(
//       QueueModel{}, lincheck::task_scripts(queue_operations(), 2, 3, 3),
//       [] { return std::make_unique<MyQueue>(); }, apply_to_queue);
//
// rapidcheck drives nothing here: its generators and shrink trees are used
// as values, so a case needs no rc::check and no global configuration.

#include <fmt/format.h>
#include <rapidcheck/Gen.h>
#include <rapidcheck/Random.h>
#include <rapidcheck/gen/Container.h>
#include <rapidcheck/gen/Create.h>
#include <rapidcheck/gen/Numeric.h>
#include <rapidcheck/gen/Predicate.h>
#include <rapidcheck/gen/Select.h>
#include <rapidcheck/gen/Transform.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "interleave/lincheck.hpp"
#include "interleave/lincheck_variant.hpp"

namespace interleave::lincheck {

template <class Input>
using TaskScripts = std::vector<std::vector<Input>>;

// min_tasks..max_tasks tasks, each with 1..max_operations operations drawn from `operation`.
template <class Input>
rc::Gen<TaskScripts<Input>> task_scripts(rc::Gen<Input> operation, int min_tasks, int max_tasks, int max_operations) {
  return rc::gen::mapcat(rc::gen::inRange(min_tasks, max_tasks + 1), [=](int tasks) {
    return rc::gen::container<TaskScripts<Input>>(
        static_cast<std::size_t>(tasks),
        rc::gen::resize(max_operations, rc::gen::nonEmpty(rc::gen::container<std::vector<Input>>(operation))));
  });
}

namespace detail {

template <class Input>
std::vector<int> operations_per_task(const TaskScripts<Input>& scripts) {
  std::vector<int> counts;
  for (const auto& script : scripts) counts.push_back(static_cast<int>(script.size()));
  return counts;
}

// The scripts side by side, a column per task, as history_table lays them out.
template <class Model>
std::vector<std::string> script_table(const Model& model, const TaskScripts<typename Model::Input>& scripts) {
  constexpr int kWidth = 24;
  std::vector<std::string> lines(1);
  std::size_t longest = 0;
  for (std::size_t task = 0; task < scripts.size(); ++task) {
    lines[0] += fmt::format("{:<{}}", fmt::format("task {}", task), kWidth);
    longest = std::max(longest, scripts[task].size());
  }
  for (std::size_t row = 0; row < longest; ++row) {
    std::string line;
    for (const auto& script : scripts)
      line += fmt::format("{:<{}}", row < script.size() ? model.format(script[row]).substr(0, kWidth - 1) : "", kWidth);
    lines.push_back(line);
  }
  return lines;
}

}  // namespace detail

template <class Model, class Make, class Apply>
LincheckRunner runner(Model model, rc::Gen<TaskScripts<typename Model::Input>> scripts, Make make, Apply apply) {
  return [=](const LincheckRequest& request) {
    using Clock = std::chrono::steady_clock;
    using Scripts = TaskScripts<typename Model::Input>;
    auto explore_case = [&](const Scripts& case_scripts, std::uint64_t case_seed, bool shrink_schedule) {
      constexpr std::uint64_t kSeedStride = 1'000'003;  // cases' schedule seeds far apart
      ExploreOptions options = request.explore;
      options.seed = case_seed * kSeedStride;
      options.shrink = shrink_schedule;
      return check(options, model, case_scripts, make, apply);
    };
    auto since = [](Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); };

    LincheckOutcome outcome;
    const auto started = Clock::now();
    for (int k = 0; k < request.cases; ++k) {
      const std::uint64_t case_seed = request.seed + static_cast<std::uint64_t>(k);
      rc::Shrinkable<Scripts> smallest = scripts(rc::Random(case_seed), rc::kNominalSize);
      auto result = explore_case(smallest.value(), case_seed, false);
      ++outcome.cases;
      outcome.schedules += result.exploration.schedules;
      outcome.histories_checked += result.histories_checked;
      if (result.exploration.interrupted) {
        outcome.interrupted = true;
        break;
      }
      if (result.exploration.clean()) continue;

      outcome.seconds = since(started);
      const auto shrink_started = Clock::now();
      const Verdict found = result.exploration.verdict;
      outcome.failing_case_seed = case_seed;
      outcome.operations_found = detail::operations_per_task(smallest.value());
      // rapidcheck's own search: take the first smaller case that still fails, until none does.
      for (bool shrunk = request.shrink; shrunk;) {
        shrunk = false;
        auto candidates = smallest.shrinks();
        while (auto candidate = candidates.next()) {
          auto tried = explore_case(candidate->value(), case_seed, false);
          if (tried.exploration.verdict != found) continue;
          smallest = std::move(*candidate);
          result = std::move(tried);
          shrunk = true;
          break;
        }
      }
      // Again with the schedule shrunk and its history recorded. On the
      // threads engine this may not fail again; then the last failure stands.
      auto shown = explore_case(smallest.value(), case_seed, request.shrink);
      if (shown.exploration.verdict == found) result = std::move(shown);
      outcome.shrink_seconds = since(shrink_started);
      outcome.verdict = result.exploration.verdict;
      outcome.message = result.exploration.message;
      outcome.details = result.exploration.details;
      outcome.operations_shrunk = detail::operations_per_task(smallest.value());
      outcome.script = detail::script_table(model, smallest.value());
      outcome.preemptions_found = result.exploration.preemptions_found;
      outcome.preemptions = result.exploration.preemptions;
      return outcome;
    }
    outcome.seconds = since(started);
    return outcome;
  };
}

}  // namespace interleave::lincheck
