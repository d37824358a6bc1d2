#include "bench/measure.hpp"

#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "bench/cpu_pin.hpp"

namespace interleave::bench {
namespace {

// Keeps each repetition's real time instead of printing it.
class CollectingReporter final : public benchmark::BenchmarkReporter {
 public:
  explicit CollectingReporter(std::size_t cases) : cases_(cases) {}

  bool ReportContext(const Context&) override { return true; }
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      if (run.run_type != Run::RT_Iteration || run.error_occurred) continue;
      seconds_per_call_[run.family_index].push_back(run.real_accumulated_time / static_cast<double>(run.iterations));
      if (isatty(STDERR_FILENO))
        fmt::print(stderr, "\r  bench: case {} of {}, repetition {}...\033[K", run.family_index + 1, cases_,
                   run.repetition_index + 1);
    }
  }
  void Finalize() override {
    if (isatty(STDERR_FILENO)) fmt::print(stderr, "\r\033[K");
  }

  const std::vector<double>& seconds_per_call(std::size_t index) {
    return seconds_per_call_[static_cast<int64_t>(index)];
  }

 private:
  std::size_t cases_;
  std::map<int64_t, std::vector<double>> seconds_per_call_;
};

// Repetitions of all the cases run in a random interleaved order, so that
// drift in the machine's load hits every case alike: the ratios between
// cases are what the tables are for. Google Benchmark takes it as a flag.
void interleave_repetitions() {
  static const bool initialized = [] {
    char program[] = "interleave";
    char flag[] = "--benchmark_enable_random_interleaving=true";
    char* argv[] = {program, flag, nullptr};
    int argc = 2;
    benchmark::Initialize(&argc, argv);
    return true;
  }();
  (void)initialized;
}

double nearest_rank(const std::vector<double>& sorted, double fraction) {
  auto rank = static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

double median_of(const std::vector<double>& sorted) {
  const std::size_t middle = sorted.size() / 2;
  return sorted.size() % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

}  // namespace

std::vector<Measurement> measure(const std::vector<BenchCase>& cases, int repetitions, double min_seconds) {
  if (cases.empty()) return {};  // Google Benchmark would say it matched no benchmark
  interleave_repetitions();
  benchmark::ClearRegisteredBenchmarks();
  for (const BenchCase& bench_case : cases)
    benchmark::RegisterBenchmark(bench_case.name.c_str(),
                                 [&bench_case](benchmark::State& state) {
                                   CpuPin pinned(bench_case.cpus);
                                   for (auto _ : state) bench_case.body();
                                 })
        ->UseRealTime()
        ->MinWarmUpTime(min_seconds / 2)
        ->MinTime(min_seconds)
        ->Repetitions(repetitions)
        ->Unit(benchmark::kMillisecond);
  CollectingReporter reporter(cases.size());
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::ClearRegisteredBenchmarks();

  std::vector<Measurement> measurements;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    Measurement m;
    m.name = cases[i].name;
    std::vector<double> seconds = reporter.seconds_per_call(i);
    if (seconds.empty()) {
      measurements.push_back(std::move(m));
      continue;
    }
    for (double s : seconds) m.per_repetition.push_back(cases[i].operations / s);
    std::vector<double> sorted = m.per_repetition;
    std::sort(sorted.begin(), sorted.end());
    std::sort(seconds.begin(), seconds.end());
    m.median = median_of(sorted);
    m.p95 = nearest_rank(sorted, 0.95);
    m.spread = m.median > 0 ? (sorted.back() - sorted.front()) / m.median : 0;
    m.seconds_per_call = median_of(seconds);
    measurements.push_back(std::move(m));
  }
  return measurements;
}

}  // namespace interleave::bench
