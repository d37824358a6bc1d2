// Exploration speed: schedules per second of the fiber engine on
// counter/locked with 4 tasks x 10 increments (Relacy's classic test shape),
// per strategy (random, pct:3, pos, portfolio). Run: ./build/default/tests/benchmarks/explore_benchmark
// The figure to read is items_per_second (= schedules per second).

#include <benchmark/benchmark.h>

#include "interleave/interleave.hpp"
#include "scenarios/catalog.hpp"

namespace {

constexpr std::uint64_t kSchedulesPerIteration = 100'000;  // as `interleave run ... --schedules 100000` does

const interleave::Variant& counter_locked(const interleave::Scenario& counter) {
  for (const auto& variant : counter.variants)
    if (variant.name == "locked") return variant;
  throw std::logic_error("counter/locked missing");
}

void explore_counter_locked(benchmark::State& state, interleave::Strategy strategy) {
  static const interleave::Scenario counter = interleave::scenarios::counter_scenario();
  const interleave::Variant& locked = counter_locked(counter);
  interleave::Params params({{"workers", 4}, {"iterations", 10}});
  interleave::ExploreOptions options;
  options.strategy = strategy;
  options.schedules = kSchedulesPerIteration;
  std::uint64_t seed = 1;
  for (auto _ : state) {
    options.seed = seed;
    seed += kSchedulesPerIteration;
    auto result = interleave::explore(options, [&] { locked.body(params); });
    if (!result.clean()) state.SkipWithError("counter/locked is not clean");
    benchmark::DoNotOptimize(result.schedules);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kSchedulesPerIteration));
}

BENCHMARK_CAPTURE(explore_counter_locked, random, interleave::random_walk())
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(explore_counter_locked, pct3, interleave::pct(3))->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(explore_counter_locked, pos, interleave::pos())->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(explore_counter_locked, portfolio, interleave::portfolio())
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
