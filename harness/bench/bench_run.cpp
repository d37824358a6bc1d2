#include "bench/bench_run.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "bench/references.hpp"
#include "bench/workloads.hpp"

namespace interleave::bench {
namespace {

// The catalog's variant as users run it: the threads engine, noise off, one schedule.
std::function<void()> api_run(const Variant& variant, Params params) {
  return [&variant, params] {
    ExploreOptions options;
    options.engine = EngineKind::threads;
    options.noise = 0;
    options.schedules = 1;
    options.max_steps = 1'000'000'000'000;
    options.hang_timeout = std::chrono::seconds(60);
    options.shrink = false;
    options.environment_overrides = false;
    auto result = explore(options, [&] { variant.body(params); });
    if (!result.clean())
      throw std::runtime_error(fmt::format("{} was not clean while benchmarked: {}", variant.name, result.message));
  };
}

Params bench_params(const Scenario& scenario, int threads) {
  Params params = scenario.defaults;
  for (const auto& [key, value] : scenario.bench->sizes.values()) params.set(key, value);
  for (const auto& key : scenario.bench->thread_keys) params.set(key, threads);
  return params;
}

const Variant* find_variant(const std::vector<Scenario>& catalog, std::string_view scenario_name,
                            std::string_view variant_name, const Scenario** scenario_out) {
  for (const auto& scenario : catalog)
    if (scenario.name == scenario_name)
      for (const auto& variant : scenario.variants)
        if (variant.name == variant_name) {
          *scenario_out = &scenario;
          return &variant;
        }
  return nullptr;
}

std::string cpu_model() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; std::getline(cpuinfo, line);)
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  return "unknown";
}

void add_throughput(BenchReport& report, const std::vector<std::pair<const Scenario*, const Variant*>>& selected,
                    const BenchOptions& options) {
  std::vector<BenchCase> cases;
  for (const auto& [scenario, variant] : selected) {
    const std::string name = scenario->name + "/" + variant->name;
    if (variant->expects_bug()) continue;
    if (!variant->runs_on(EngineKind::threads)) {
      report.skipped.push_back(name + ": not a threads-engine variant");
      continue;
    }
    if (!scenario->bench) {
      report.skipped.push_back(name + ": its scenario declares no throughput sizes");
      continue;
    }
    for (int threads : options.threads) {
      Params params = bench_params(*scenario, threads);
      cases.push_back({fmt::format("{} @{}", name, threads), scenario->bench->operations(params),
                       api_run(*variant, params), threads});
      report.throughput.push_back({name, scenario->bench->unit, threads, {}, 0, 0});
    }
  }
  auto measured = measure(cases, options.repetitions, options.min_seconds);
  for (std::size_t i = 0; i < measured.size(); ++i) report.throughput[i].measurement = measured[i];
  for (auto& row : report.throughput)
    for (const auto& base : report.throughput)
      if (base.variant == row.variant && base.threads == 1 && base.measurement.median > 0) {
        row.speedup = row.measurement.median / base.measurement.median;
        row.ideal_speedup = std::min(row.threads, report.cores);
        row.efficiency = row.speedup / row.ideal_speedup;
      }
}

// Every case of a group runs on the same `cpus` CPUs.
void add_ratios(BenchReport& report, const std::string& group, std::vector<BenchCase> cases, int cpus,
                const BenchOptions& options) {
  for (BenchCase& bench_case : cases) bench_case.cpus = cpus;
  auto measured = measure(cases, options.ratio_repetitions(), options.min_seconds);
  for (const auto& m : measured)
    report.references.push_back(
        {group, m.name, m, measured.front().median > 0 ? m.median / measured.front().median : 0});
}

void add_references_and_overhead(BenchReport& report, const std::vector<Scenario>& catalog,
                                 const BenchOptions& options) {
  const Scenario* counter = nullptr;
  const Scenario* queue = nullptr;
  const Variant* locked = find_variant(catalog, "counter", "locked", &counter);
  const Variant* fetch_add = find_variant(catalog, "counter", "atomic_fetch_add", &counter);
  const Variant* sharded = find_variant(catalog, "counter", "sharded", &counter);
  const Variant* bounded = find_variant(catalog, "bounded_queue", "correct", &queue);
  if (!locked || !fetch_add || !sharded || !bounded || !counter->bench || !queue->bench) {
    report.skipped.push_back("references: the catalog lacks counter or bounded_queue");
    return;
  }

  const int threads = 2;
  Params counting = bench_params(*counter, threads);
  const int workers = counting.as_int("workers"), iterations = counting.as_int("iterations");
  const double increments = counter->bench->operations(counting);
  const std::string counter_group = fmt::format("counter, {} threads, {} increments", threads, increments);
  add_ratios(report, counter_group,
             {{"counter/locked (runtime API)", increments, api_run(*locked, counting)},
              {"counter/atomic_fetch_add (runtime API)", increments, api_run(*fetch_add, counting)},
              {"counter/sharded (runtime API)", increments, api_run(*sharded, counting)},
              {"std::mutex, hand-written", increments, [=] { std_counter_locked(workers, iterations); }},
              {"std::atomic fetch_add, hand-written", increments, [=] { std_counter_atomic(workers, iterations); }}},
             threads, options);
  // One thread: the lock is never contended, so the harness's own work per
  // operation is all that differs.
  Params alone = bench_params(*counter, 1);
  const double alone_increments = counter->bench->operations(alone);
  const std::string alone_group = fmt::format("counter, 1 thread, {} increments", alone_increments);
  add_ratios(report, alone_group,
             {{"counter/locked (runtime API)", alone_increments, api_run(*locked, alone)},
              {"std::mutex, hand-written", alone_increments, [=] { std_counter_locked(1, iterations); }}},
             1, options);

  Params queueing = bench_params(*queue, 1);
  const int producers = queueing.as_int("producers"), consumers = queueing.as_int("consumers");
  const int items = queueing.as_int("items"), capacity = queueing.as_int("capacity");
  const double total = queue->bench->operations(queueing);
  const std::string queue_group =
      fmt::format("bounded queue, {} producer, {} consumer, capacity {}", producers, consumers, capacity);
  add_ratios(
      report, queue_group,
      {{"bounded_queue/correct (runtime API)", total, api_run(*bounded, queueing)},
       {"std::mutex + condition_variable, hand-written", total,
        [=] { std_bounded_queue(producers, consumers, items, capacity); }},
       {"boost::fibers::buffered_channel", total, [=] { fiber_channel_queue(producers, consumers, items, capacity); }},
       {"tbb::concurrent_bounded_queue", total, [=] { tbb_bounded_queue(producers, consumers, items, capacity); }},
       {"moodycamel::BlockingConcurrentQueue (unbounded)", total,
        [=] { moodycamel_queue(producers, consumers, items); }}},
      producers + consumers, options);

  // runtime-API time over hand-written time, from the same measurements.
  auto seconds_of = [&](const std::string& group, const std::string& name) {
    for (const auto& row : report.references)
      if (row.group == group && row.name == name) return row.measurement.seconds_per_call;
    return 0.0;
  };
  struct Pair {
    std::string variant, setting, group, api, handwritten;
  };
  for (const Pair& pair :
       {Pair{"counter/locked", fmt::format("{} threads", threads), counter_group, "counter/locked (runtime API)",
             "std::mutex, hand-written"},
        Pair{"counter/locked", "1 thread", alone_group, "counter/locked (runtime API)", "std::mutex, hand-written"},
        Pair{"bounded_queue/correct", fmt::format("{}+{} threads", producers, consumers), queue_group,
             "bounded_queue/correct (runtime API)", "std::mutex + condition_variable, hand-written"}}) {
    OverheadRow row{pair.variant, pair.setting, seconds_of(pair.group, pair.api),
                    seconds_of(pair.group, pair.handwritten), 0};
    row.overhead_ratio = row.std_seconds > 0 ? row.api_seconds / row.std_seconds : 0;
    report.overhead.push_back(row);
  }
}

std::string finding(const ComparisonTable& table, WorkloadKind kind) {
  auto speedup = [&](std::string_view approach) {
    for (const auto& row : table.rows)
      if (row.approach == approach) return row.speedup;
    return 0.0;
  };
  const double one_fiber_thread = speedup("fibers, one thread"), pool = speedup("thread pool"),
               procs = speedup("processes");
  if (kind == WorkloadKind::io_bound)
    return fmt::format(
        "Waiting: fibers on one thread are {:.1f}x faster than sequential (every request waits at once, on one "
        "core), against {:.1f}x for a pool of threads limited by its size; processes reach {:.1f}x and pay for "
        "forking.",
        one_fiber_thread, pool, procs);
  return fmt::format(
      "Computing: fibers on one thread reach {:.2f}x (no overlap on one core: they only add switches); the thread "
      "pool reaches {:.2f}x and processes {:.2f}x, bounded by the cores, processes paying for their start.",
      one_fiber_thread, pool, procs);
}

void add_comparison(BenchReport& report, const Workload& workload, const BenchOptions& options) {
  const int cores = report.cores;
  const int io_workers = 8;  // a pool sized for waiting, as the documents use
  const int workers = workload.kind == WorkloadKind::io_bound ? io_workers : cores;
  ComparisonTable table{workload.name, {}, {}};
  std::vector<BenchCase> cases;
  for (Approach approach : kAllApproaches) {
    const bool single = approach == Approach::sequential || approach == Approach::fibers_one_thread;
    const int n = single ? 1 : (approach == Approach::fibers_all_cores ? cores : workers);
    cases.push_back({std::string(to_string(approach)), static_cast<double>(workload.items),
                     [&workload, approach, n] { run_workload(workload, approach, n); }});
    // Computing scales with the cores used; waiting, with the requests that wait at once (fibers: all).
    const bool fibers = approach == Approach::fibers_one_thread || approach == Approach::fibers_all_cores;
    const int ideal = workload.kind == WorkloadKind::io_bound ? (fibers ? workload.items : n) : std::min(n, cores);
    table.rows.push_back(
        {std::string(to_string(approach)), n, std::min(n, cores), {}, 0, static_cast<double>(ideal), 0});
  }
  auto measured = measure(cases, options.repetitions, options.min_seconds);
  for (std::size_t i = 0; i < measured.size(); ++i) {
    table.rows[i].measurement = measured[i];
    table.rows[i].speedup = measured[0].median > 0 ? measured[i].median / measured[0].median : 0;
    table.rows[i].efficiency = table.rows[i].speedup / table.rows[i].ideal_speedup;
  }
  table.finding = finding(table, workload.kind);
  report.comparisons.push_back(std::move(table));
}

}  // namespace

BenchReport run_bench(const std::vector<std::pair<const Scenario*, const Variant*>>& selected,
                      const std::vector<Scenario>& catalog, const BenchOptions& options) {
  BenchReport report;
  report.cpu_model = cpu_model();
  report.cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  report.options = options;
  add_throughput(report, selected, options);
  if (options.references) {
    add_references_and_overhead(report, catalog, options);
    const Workload cpu = cpu_bound_workload(), io = io_bound_workload();
    add_comparison(report, cpu, options);
    add_comparison(report, io, options);
  }
  return report;
}

}  // namespace interleave::bench
