#pragma once

#include <string>
#include <vector>

#include "bench/measure.hpp"
#include "interleave/scenario.hpp"

namespace interleave::bench {

struct BenchOptions {
  std::vector<int> threads;  // thread counts for the catalog's variants
  int repetitions = 5;
  // The reference and overhead tables are ratios of medians, so their cases
  // run this many times as often: a ratio is as noisy as both its figures.
  static constexpr int kRatioRepetitionFactor = 3;
  int ratio_repetitions() const { return repetitions * kRatioRepetitionFactor; }
  double min_seconds = 0.1;  // per repetition
  bool references = true;    // the reference libraries, the overhead ratios, the documents' comparison
};

// One correct variant at one thread count.
struct ThroughputRow {
  std::string variant;  // scenario/variant
  std::string unit;
  int threads = 1;
  Measurement measurement;
  double speedup = 0;        // over the same variant on one thread (0: not measured on one thread)
  double ideal_speedup = 1;  // perfect scaling: one per thread, up to the cores
  double efficiency = 0;     // speedup / ideal_speedup, a share of the ideal (at most about 1)
};

// The same operation done several ways, as a ratio to the first (the catalog's).
struct ReferenceRow {
  std::string group;  // "counter, 2 threads"
  std::string name;
  Measurement measurement;
  double ratio = 0;  // this one's operations per second over the group's first
};

// The runtime API on the threads engine against hand-written std:: code.
struct OverheadRow {
  std::string variant;
  std::string setting;  // "2 threads", "1 thread", "1+1 threads"...
  double api_seconds = 0;
  double std_seconds = 0;
  double overhead_ratio = 0;  // api_seconds / std_seconds
};

struct ComparisonRow {
  std::string approach;
  int workers = 1;
  int cores_used = 1;
  Measurement measurement;
  double speedup = 0;        // over sequential
  double ideal_speedup = 1;  // computing: the cores it uses; waiting: the requests that wait at once
  double efficiency = 0;     // speedup / ideal_speedup, a share of the ideal (at most about 1)
};

struct ComparisonTable {
  std::string workload;
  std::vector<ComparisonRow> rows;
  std::string finding;  // one sentence drawn from the figures
};

struct BenchReport {
  std::string cpu_model;
  int cores = 0;
  BenchOptions options;
  std::vector<ThroughputRow> throughput;
  std::vector<ReferenceRow> references;
  std::vector<OverheadRow> overhead;
  std::vector<ComparisonTable> comparisons;
  std::vector<std::string> skipped;  // variants not benchmarked, and why
};

// Measures the correct variants among `selected` (scenario, variant) pairs,
// then, with options.references, the reference libraries, the overhead
// ratios and the documents' comparison.
BenchReport run_bench(const std::vector<std::pair<const Scenario*, const Variant*>>& selected,
                      const std::vector<Scenario>& catalog, const BenchOptions& options);

}  // namespace interleave::bench
