#include "cli/isolation.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace interleave::cli {

bool isolation_wanted(const RunOptions& options, std::size_t variant_runs) {
  if (options.no_isolate || options.supervised_child || options.program.self_binary.empty()) return false;
  return variant_runs > 1 || !options.json_path.empty() || !options.junit_path.empty();
}

std::vector<std::string> supervised_child_arguments(
    const RunOptions& options, const ExploreOptions& explore, const std::string& variant,
    const std::vector<std::pair<std::string, std::int64_t>>& overrides) {
  std::vector<std::string> argv = {options.program.self_binary,
                                   "run",
                                   variant,
                                   "--supervised-child",
                                   "--shard",
                                   "1/1",
                                   "--engine",
                                   std::string(to_string(explore.engine)),
                                   "--seed",
                                   std::to_string(explore.seed),
                                   "--schedules",
                                   std::to_string(explore.schedules),
                                   "--max-steps",
                                   std::to_string(explore.max_steps),
                                   "--noise",
                                   fmt::format("{}", explore.noise),
                                   "--hang-timeout-ms",
                                   std::to_string(explore.hang_timeout.count()),
                                   "--blocked-loop-ms",
                                   std::to_string(explore.blocked_loop_threshold.count()),
                                   "--schedules-after-failed-check",
                                   std::to_string(explore.schedules_after_failed_check)};
  if (explore.engine == EngineKind::fiber) {  // the other engines have no strategy
    argv.push_back("--strategy");
    argv.push_back(to_string(explore.strategy));
  }
  if (!explore.detect_races) argv.push_back("--no-race-detection");
  if (!explore.show_race_consequence) argv.push_back("--no-race-consequence");
  if (!explore.detect_lock_order) argv.push_back("--no-lock-order");
  if (!explore.shrink) argv.push_back("--no-shrink");
  if (explore.finish_schedule_after_failed_check) argv.push_back("--finish-after-failed-check");
  for (const auto& [key, value] : overrides) {
    argv.push_back("--set");
    argv.push_back(fmt::format("{}={}", key, value));
  }
  if (explore.deadline) {
    const double left = std::chrono::duration<double>(*explore.deadline - std::chrono::steady_clock::now()).count();
    argv.push_back("--budget");
    argv.push_back(fmt::format("{:.3f}", std::max(left, 0.001)));
  }
  return argv;
}

std::chrono::milliseconds stall_limit(const ExploreOptions& explore) {
  // A threads-engine schedule may take a hang timeout before its watchdog
  // ends it, and then unwind.
  return std::max(std::chrono::milliseconds(10'000), 4 * explore.hang_timeout);
}

}  // namespace interleave::cli
