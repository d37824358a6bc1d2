#pragma once

#include <fmt/format.h>

#include <functional>
#include <vector>

#include "interleave/interleave.hpp"
#include "interleave/lincheck_cases.hpp"
#include "interleave/scenario.hpp"
#include "scenarios/lincheck_models.hpp"

namespace interleave::scenarios {

// One variant of a scenario: its name, the verdicts that count as found,
// the lesson, the body, and the engines it applies to (the first is its own).
inline Variant variant(std::string name, std::vector<Verdict> expected, std::string lesson,
                       std::function<void(const Params&)> body,
                       std::vector<EngineKind> engines = {EngineKind::fiber, EngineKind::threads},
                       std::string twin = {}) {
  return Variant{std::move(name), std::move(expected), std::move(lesson),
                 std::move(body), std::move(engines),  std::move(twin)};
}

// `variant` as ThreadSanitizer judges it otherwise: its verdicts there, and why.
inline Variant differing_under_tsan(Variant variant, std::vector<Verdict> under_tsan, std::string why) {
  variant.expected_under_tsan = std::move(under_tsan);
  variant.tsan_differs = std::move(why);
  return variant;
}

// A lincheck variant: its name (usually the ordinary variant's whose object
// it checks), the verdicts that count as found, the lesson, the runner.
inline LincheckVariant lincheck_variant(std::string name, std::vector<Verdict> expected, std::string lesson,
                                        LincheckRunner run) {
  return LincheckVariant{std::move(name), std::move(expected), std::move(lesson), std::move(run)};
}

// Runs `work(index)` on `workers` spawned tasks and joins them all.
inline void run_workers(int workers, const std::function<void(int)>& work) {
  std::vector<Task> tasks;
  tasks.reserve(static_cast<std::size_t>(workers));
  for (int w = 0; w < workers; ++w) tasks.push_back(spawn([&work, w] { work(w); }, fmt::format("worker{}", w)));
  for (auto& task : tasks) task.join();
}

}  // namespace interleave::scenarios
