#include "cli/run_plan.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>

#include "cli/printable.hpp"

namespace interleave::cli {
namespace {

constexpr int kMaxShards = 100'000;

std::optional<int> whole_number(std::string_view text) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

Shard parse_shard(const std::string& text) {
  auto slash = text.find('/');
  auto k = slash == std::string::npos ? std::nullopt : whole_number(std::string_view(text).substr(0, slash));
  auto n = slash == std::string::npos ? std::nullopt : whole_number(std::string_view(text).substr(slash + 1));
  if (!k || !n || *n < 1 || *n > kMaxShards || *k < 1 || *k > *n)
    throw UsageError(fmt::format("--shard expects K/N with 1 <= K <= N <= {}, got {}", kMaxShards, echoed(text)));
  return {*k - 1, *n};
}

std::optional<Shard> shard_from_environment() {
  const char* total = std::getenv("GTEST_TOTAL_SHARDS");
  const char* index = std::getenv("GTEST_SHARD_INDEX");
  if (!total || !index || !*total || !*index) return std::nullopt;
  auto n = whole_number(total);
  auto k = whole_number(index);
  if (!n || !k || *n < 1 || *n > kMaxShards || *k < 0 || *k >= *n)
    throw UsageError(
        fmt::format("GTEST_SHARD_INDEX={} / GTEST_TOTAL_SHARDS={} is not a shard (need 0 <= index < total)",
                    echoed(index), echoed(total)));
  return Shard{*k, *n};
}

RunPlan plan_runs(const std::vector<SelectedVariant>& selected, const PlanRequest& request) {
  RunPlan all;
  for (const auto& [scenario, variant] : selected) {
    EngineKind engine = request.engine;
    if (!variant->runs_on(engine)) {
      if (request.engine_given) {
        all.not_applicable.push_back(fmt::format("{}/{}", scenario->name, variant->name));
        continue;
      }
      engine = variant->engines.front();
    }
    all.runs.push_back({scenario, variant, engine, request.seed, request.schedules});
  }
  if (all.runs.empty()) {
    constexpr std::size_t kNamed = 5;
    const std::size_t named = std::min(kNamed, all.not_applicable.size());
    const std::vector<std::string> first(all.not_applicable.begin(), all.not_applicable.begin() + named);
    throw UsageError(fmt::format(
        "none of the {} selected variant{} runs on the {} engine ({}{}); without --engine each "
        "runs on an engine of its own",
        all.not_applicable.size(), all.not_applicable.size() == 1 ? "" : "s", to_string(request.engine),
        fmt::join(first, ", "),
        all.not_applicable.size() > named ? fmt::format(" and {} more", all.not_applicable.size() - named) : ""));
  }
  const auto shards = static_cast<std::size_t>(request.shard.count);
  const auto index = static_cast<std::size_t>(request.shard.index);
  if (shards == 1) return all;

  RunPlan mine;
  mine.not_applicable = all.not_applicable;
  if (all.runs.size() >= shards || !request.seeds_divisible) {
    for (std::size_t i = index; i < all.runs.size(); i += shards) mine.runs.push_back(all.runs[i]);
    return mine;
  }
  // Fewer variants than shards: slice each variant's seeds instead.
  for (PlannedRun run : all.runs) {
    const std::uint64_t base = request.schedules / shards, extra = request.schedules % shards;
    run.seed = request.seed + index * base + std::min<std::uint64_t>(index, extra);
    run.schedules = base + (index < extra ? 1 : 0);
    if (run.schedules > 0) mine.runs.push_back(run);
  }
  return mine;
}

}  // namespace interleave::cli
