// poison_pill: workers take items from a queue until they take a pill.
// Documents 000 (a consumer re-posts the pill), 001 (worker_with_queue,
// multiprocessing workers) and 003 (a producers_done flag and an empty check).

#include <algorithm>
#include <map>

#include "interleave/process_workers.hpp"
#include "scenarios/catalog.hpp"
#include "scenarios/support.hpp"
#include "scenarios/work_queue.hpp"

namespace interleave::scenarios {
namespace {

constexpr int kPill = -1;

enum class Shutdown { after_producers, one_short, from_each_producer, on_timeout, reposted };

// Producers put `items` each; workers process until their pill. Every item
// must be processed exactly once and every worker must exit.
void workers_and_pills(const Params& params, Shutdown shutdown) {
  const int producers = params.as_int("producers"), workers = params.as_int("workers");
  const int items = params.as_int("items");
  WorkQueue queue;
  std::vector<std::vector<int>> processed(static_cast<std::size_t>(workers));
  std::vector<Task> worker_tasks;
  for (int w = 0; w < workers; ++w)
    worker_tasks.push_back(spawn(
        [&, w] {
          for (;;) {
            int item = kPill;
            if (shutdown == Shutdown::on_timeout) {
              auto got = queue.get_for(std::chrono::milliseconds(100));
              if (!got) return;  // `except queue.Empty: break`
              item = *got;
            } else {
              item = queue.get();
            }
            if (item == kPill) {
              if (shutdown == Shutdown::reposted) queue.put(kPill);  // leave it for the others
              return;
            }
            processed[w].push_back(item);
          }
        },
        fmt::format("worker{}", w)));
  run_workers(producers, [&](int p) {
    if (shutdown == Shutdown::on_timeout && p == 0) sleep_for(std::chrono::milliseconds(250));  // a slow producer
    for (int i = 0; i < items; ++i) queue.put(p * 1000 + i);
    if (shutdown == Shutdown::from_each_producer)  // "I am done, so we are done": a pill for every worker
      for (int w = 0; w < workers; ++w) queue.put(kPill);
  });
  switch (shutdown) {
    case Shutdown::after_producers:
      for (int w = 0; w < workers; ++w) queue.put(kPill);
      break;
    case Shutdown::one_short:
      for (int w = 0; w < workers - 1; ++w) queue.put(kPill);
      break;
    case Shutdown::reposted:
      queue.put(kPill);
      break;
    case Shutdown::from_each_producer:
    case Shutdown::on_timeout:
      break;
  }
  for (auto& task : worker_tasks) task.join();
  std::map<int, int> seen;
  for (const auto& list : processed)
    for (int item : list) ++seen[item];
  for (int p = 0; p < producers; ++p)
    for (int i = 0; i < items; ++i) {
      int times = seen[p * 1000 + i];
      check(times == 1, [&] {
        return times == 0 ? fmt::format("item {} was never processed", p * 1000 + i)
                          : fmt::format("item {} was processed {} times", p * 1000 + i, times);
      });
    }
}

// The same over forked processes and pipes: items, then one pill per worker
// (or one short), and every result must come back.
void process_workers(const Params& params, bool one_short) {
  const int workers = params.as_int("workers"), items = params.as_int("producers") * params.as_int("items");
  ProcessWorkers pool(workers, [](std::int64_t item) { return item * item; }, kPill);
  for (int i = 1; i <= items; ++i) pool.send(i);
  for (int w = 0; w < workers - (one_short ? 1 : 0); ++w) pool.send(kPill);
  auto results = pool.finish();
  std::sort(results.begin(), results.end());
  std::vector<std::int64_t> expected;
  for (std::int64_t i = 1; i <= items; ++i) expected.push_back(i * i);
  check(results == expected, [&] { return fmt::format("{} results for {} items", results.size(), items); });
}

}  // namespace

Scenario poison_pill_scenario() {
  auto with = [](Shutdown shutdown) {
    return [shutdown](const Params& params) { workers_and_pills(params, shutdown); };
  };
  const std::vector<EngineKind> processes = {EngineKind::processes};
  return {
      .name = "poison_pill",
      .summary = "workers take items from a queue until they take a pill",
      .defaults = Params({{"producers", 2}, {"workers", 2}, {"items", 2}}),
      .variants =
          {
              variant("correct", {Verdict::clean},
                      "main joins every producer first, then puts one pill per worker. Every item is queued "
                      "before any pill, so every item is processed once, and every worker takes exactly one "
                      "pill and exits.",
                      with(Shutdown::after_producers)),
              variant("too_few_pills", {Verdict::deadlock},
                      "One pill fewer than workers: the last worker waits in get() for an item that never comes, "
                      "and main waits for that worker. Fix: one pill per worker (`correct`).",
                      with(Shutdown::one_short)),
              variant("pills_before_producers_done", {Verdict::invariant},
                      "Each producer shuts the workers down when it is done, with a pill for every worker. The "
                      "first producer's pills sit in the queue ahead of the second producer's items: every "
                      "worker takes a pill and exits, and the items behind them are never processed. Fix: pills "
                      "only after all producers are joined (`correct`).",
                      with(Shutdown::from_each_producer)),
              variant("exit_on_timeout", {Verdict::invariant},
                      "Workers stop when get() times out (`except: break`), as if an empty queue meant the work "
                      "was done. A producer that is slow to start (250 ms here, against a 100 ms timeout) puts "
                      "its items after every worker has left: they are never processed. Fix: an explicit end "
                      "signal, a pill after the producers are joined (`correct`).",
                      with(Shutdown::on_timeout)),
              variant("async_repost", {Verdict::clean},
                      "One pill for all: a worker that takes it puts it back before exiting, so the next worker "
                      "finds it too; the pill goes in after the producers are joined. Correct, and the pattern "
                      "of document 000's asyncio consumers.",
                      with(Shutdown::reposted)),
              variant(
                  "processes", {Verdict::clean},
                  "The same on forked worker processes: items and then one pill per worker go down a pipe, "
                  "results come back on another. Every result arrives and every worker exits.",
                  [](const Params& params) { process_workers(params, false); }, processes),
              variant(
                  "processes_too_few_pills", {Verdict::hang},
                  "Forked workers, one pill short: one worker process blocks forever reading the pipe. The "
                  "harness gives up after its hang timeout, kills the worker and reaps it, so no process "
                  "outlives the run. Fix: one pill per worker (`processes`).",
                  [](const Params& params) { process_workers(params, true); }, processes, "processes"),
          },
      .bench = BenchSpec{{"workers"},
                         Params({{"producers", 1}, {"items", 1'000}}),
                         [](const Params& p) { return double(p["producers"] * p["items"]); },
                         "items"},
      .ranges = {{"producers", kTaskCount}, {"workers", kTaskCount}},
  };
}

}  // namespace interleave::scenarios
