#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "interleave/explore.hpp"
#include "interleave/scenario.hpp"

namespace interleave::exploration {

// The options besides the schedule that decide what a schedule does and
// what it is judged to be: a replay must run with the same ones.
struct ScheduleOptions {
  bool detect_races = ExploreOptions{}.detect_races;
  bool detect_lock_order = ExploreOptions{}.detect_lock_order;
  int spurious_wakeups = ExploreOptions{}.spurious_wakeups;
  std::uint64_t max_steps = ExploreOptions{}.max_steps;
  std::int64_t blocked_loop_ms = ExploreOptions{}.blocked_loop_threshold.count();

  static ScheduleOptions of(const ExploreOptions& options);
  void apply_to(ExploreOptions& options) const;
  bool operator==(const ScheduleOptions&) const = default;
};

// Everything needed to run one failing schedule again, as one line that
// survives copy and paste: `il2:` then scenario/variant, engine, strategy,
// seed, verdict, the schedule options, parameters and the schedule, then a
// checksum. An `il1:` token (no options) reads with the default options.
struct ReplayToken {
  std::string scenario;
  std::string variant;
  EngineKind engine = EngineKind::fiber;
  std::string strategy;  // how the schedule was found (information only)
  std::uint64_t seed = 0;
  Verdict verdict = Verdict::clean;
  ScheduleOptions options;
  bool options_recorded = true;  // false for an il1 token
  Params params;
  std::vector<int> schedule;  // the task chosen at each decision
};

// The ranges a replay token, a trace file and the command line accept alike.
inline constexpr int kMaxSpuriousWakeups = 1'000;
inline constexpr std::uint64_t kMaxStepsLimit = 1'000'000'000;
inline constexpr std::int64_t kMaxBlockedLoopMs = 3'600'000;

std::string encode_token(const ReplayToken& token);

// Throws std::invalid_argument saying what is wrong with a malformed or
// corrupted token.
ReplayToken decode_token(const std::string& text);

}  // namespace interleave::exploration
