// Exploration speed: schedules per second of the fiber engine on
// counter/locked with 4 tasks x 10 increments (Relacy's classic test shape),
// per strategy (random, pct:3, pos, portfolio), and the same counter
// written with interleave::sync's std-shaped types against the catalog's
// (the runtime API). Run: ./build/default/tests/benchmarks/explore_benchmark
// The figure to read is items_per_second (= schedules per second).

#include <benchmark/benchmark.h>

#include <vector>

#include "interleave/interleave.hpp"
#include "interleave/sync.hpp"
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

// counter/locked as a user writes it against std, under `namespace sync =
// interleave::sync`.
void counter_locked_with_sync() {
  namespace sync = interleave::sync;
  sync::mutex lock;
  sync::shared<int> count(0);
  std::vector<sync::thread> workers;
  for (int w = 0; w < 4; ++w)
    workers.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        sync::lock_guard<sync::mutex> guard(lock);
        count += 1;
      }
    });
  for (auto& worker : workers) worker.join();
  interleave::check(count == 40, "lost increment");
}

void explore_counter_locked_sync(benchmark::State& state) {
  interleave::ExploreOptions options;
  options.schedules = kSchedulesPerIteration;
  std::uint64_t seed = 1;
  for (auto _ : state) {
    options.seed = seed;
    seed += kSchedulesPerIteration;
    auto result = interleave::explore(options, counter_locked_with_sync);
    if (!result.clean()) state.SkipWithError("the sync:: counter is not clean");
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
BENCHMARK(explore_counter_locked_sync)
    ->Name("explore_counter_locked/sync_portfolio")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
