#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/selection.hpp"
#include "interleave/scenario.hpp"

namespace interleave::cli {

// The K-th (0-based `index`) of `count` disjoint slices of a run.
struct Shard {
  int index = 0;
  int count = 1;
};

// Parses `K/N` (1 <= K <= N); throws UsageError.
Shard parse_shard(const std::string& text);
// GoogleTest's GTEST_SHARD_INDEX / GTEST_TOTAL_SHARDS, when both are set.
std::optional<Shard> shard_from_environment();

// One variant to explore on one engine, over seeds [seed, seed + schedules).
struct PlannedRun {
  const Scenario* scenario;
  const Variant* variant;
  EngineKind engine;
  std::uint64_t seed;
  std::uint64_t schedules;
};

struct RunPlan {
  std::vector<PlannedRun> runs;
  std::vector<std::string> not_applicable;  // scenario/variant names
};

struct PlanRequest {
  EngineKind engine = EngineKind::fiber;
  bool engine_given = false;  // without it, a variant runs on its own engine when it cannot run on `engine`
  std::uint64_t seed = 1;
  std::uint64_t schedules = 10'000;
  bool seeds_divisible = true;  // false for strategies that do not number schedules by seed (dfs)
  Shard shard;
};

// Which variants run on which engine, and this shard's part of them. With
// at least as many variants as shards the variants are dealt round-robin;
// with fewer, every shard runs every variant over its own slice of seeds.
RunPlan plan_runs(const std::vector<SelectedVariant>& selected, const PlanRequest& request);

}  // namespace interleave::cli
