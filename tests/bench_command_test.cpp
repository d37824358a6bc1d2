// `interleave bench` end to end, at the smallest sizes: what it measures and
// writes, never how fast (figures are for the benchmark's reader, not a test).

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "bench/cpu_pin.hpp"
#include "cli/cli.hpp"
#include "cli_runner.hpp"
#include "scenarios/catalog.hpp"

namespace interleave::cli {
namespace {

using testing::CliRun;
using testing::run;
using testing::run_with;

TEST(CliBench, MeasuresTheCorrectVariantsAtEachThreadCountAndPlotsThem) {
  const auto svg = std::filesystem::temp_directory_path() / ("bench-" + std::to_string(getpid()) + ".svg");
  auto result = run({"bench", "counter", "--threads", "1,2", "--repetitions", "2", "--min-time", "0.005",
                     "--no-references", "--json", "-", "--svg", svg.c_str()});
  ASSERT_EQ(result.exit_code, kAllMatched) << result.err;
  auto json = nlohmann::json::parse(result.out);
  // counter's correct variants: locked, atomic_fetch_add, sharded; the broken ones are not benchmarked.
  ASSERT_EQ(json["throughput"].size(), 6u);
  for (const auto& row : json["throughput"]) {
    EXPECT_GT(row["ops_per_second_median"].get<double>(), 0) << row.dump();
    EXPECT_EQ(row["ops_per_second"].size(), 2u) << "one figure per repetition";
    if (row["threads"] == 1) EXPECT_DOUBLE_EQ(row["speedup"].get<double>(), 1.0);
    // Efficiency is a share of the ideal: one per thread, up to the cores.
    const int ideal = std::min(row["threads"].get<int>(), json["machine"]["cores"].get<int>());
    EXPECT_EQ(row["ideal_speedup"].get<double>(), ideal) << row.dump();
    EXPECT_NEAR(row["efficiency"].get<double>(), row["speedup"].get<double>() / ideal, 1e-9) << row.dump();
  }
  EXPECT_GT(json["machine"]["cores"].get<int>(), 0);
  EXPECT_EQ(json["schema_version"], 1);
  EXPECT_NE(result.err.find("speedup"), std::string::npos) << result.err;

  std::ifstream file(svg);
  std::stringstream text;
  text << file.rdbuf();
  std::filesystem::remove(svg);
  for (const char* part : {"<svg", "threads", "operations per second", "counter/atomic_fetch_add", "counter/sharded"})
    EXPECT_NE(text.str().find(part), std::string::npos) << part;
}

TEST(CliBench, ReferencesOverheadAndTheComparisonAreRecorded) {
  auto result =
      run({"bench", "counter/locked", "--threads", "1", "--repetitions", "1", "--min-time", "0.001", "--json", "-"});
  ASSERT_EQ(result.exit_code, kAllMatched) << result.err;
  auto json = nlohmann::json::parse(result.out);
  ASSERT_EQ(json["overhead"].size(), 3u);  // counter/locked contended and alone, bounded_queue/correct
  for (const auto& row : json["overhead"]) {
    EXPECT_GT(row["overhead_ratio"].get<double>(), 0) << row.dump();
    EXPECT_NEAR(row["overhead_ratio"].get<double>(),
                row["api_seconds"].get<double>() / row["std_seconds"].get<double>(), 1e-9);
  }
  EXPECT_EQ(json["overhead"][1]["setting"], "1 thread");
  EXPECT_EQ(json["references"].size(), 12u);  // 5 counters, 2 counters alone, 5 queues
  // Ratios are as noisy as both their figures: their cases repeat more often.
  EXPECT_EQ(json["ratio_repetitions"], 3);
  for (const auto& row : json["references"]) EXPECT_EQ(row["ops_per_second"].size(), 3u) << row.dump();
  ASSERT_EQ(json["comparisons"].size(), 2u);
  for (const auto& table : json["comparisons"]) {
    EXPECT_EQ(table["rows"].size(), 5u);
    EXPECT_DOUBLE_EQ(table["rows"][0]["speedup"].get<double>(), 1.0);  // sequential is the baseline
    // Waiting scales with the requests that wait at once: fibers wait for all of them together.
    for (const auto& row : table["rows"])
      EXPECT_NEAR(row["efficiency"].get<double>(), row["speedup"].get<double>() / row["ideal_speedup"].get<double>(),
                  1e-9)
          << row.dump();
    if (table["workload"].get<std::string>().starts_with("I/O-bound"))
      EXPECT_GT(table["rows"][3]["ideal_speedup"].get<double>(), table["rows"][3]["workers"].get<double>());
    EXPECT_FALSE(table["finding"].get<std::string>().empty());
  }
}

TEST(CliBench, BadNumbersAreUsageErrors) {
  EXPECT_EQ(run({"bench", "--threads", "0"}).exit_code, kUsageError);
  EXPECT_EQ(run({"bench", "--repetitions", "-1"}).exit_code, kUsageError);
  EXPECT_EQ(run({"bench", "no_such_scenario"}).exit_code, kUsageError);
}

int allowed_cpus() {
  cpu_set_t set;
  return sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : 0;
}

TEST(CpuPin, PinsTheThreadAndWhatItStartsThenRestores) {
  const int before = allowed_cpus();
  if (before < 2) GTEST_SKIP() << "one CPU: nothing to pin to";
  {
    bench::CpuPin pinned(1);
    EXPECT_EQ(allowed_cpus(), 1);
    int in_started_thread = 0;
    std::thread([&] { in_started_thread = allowed_cpus(); }).join();
    EXPECT_EQ(in_started_thread, 1);
  }
  EXPECT_EQ(allowed_cpus(), before);
  bench::CpuPin all(before);  // not fewer than allowed: unchanged
  EXPECT_EQ(allowed_cpus(), before);
}

}  // namespace
}  // namespace interleave::cli
