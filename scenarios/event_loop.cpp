// event_loop: tasks share one thread, as in asyncio; a task that blocks the
// thread stalls all the others. Document 002 (pitfall 3: a blocking call
// inside async code). An event loop is one thread, so this is fiber-only.

#include <thread>

#include "scenarios/catalog.hpp"
#include "scenarios/support.hpp"

namespace interleave::scenarios {
namespace {

constexpr Duration kBeat = std::chrono::milliseconds(50);

// A heartbeat ticks every 50 ms while a worker "downloads" for `work_ms`.
// The heartbeat must never be late by more than one beat.
void heartbeat_and_worker(const Params& params, const std::function<void(Duration)>& wait) {
  const Duration work = std::chrono::milliseconds(params["work_ms"]);
  Atomic<bool> done(false, "done");
  auto heartbeat = spawn(
      [&] {
        Duration last = now();
        while (!done.load()) {
          sleep_for(kBeat);
          check(now() - last <= 2 * kBeat, "the heartbeat was starved");
          last = now();
        }
      },
      "heartbeat");
  auto worker = spawn(
      [&] {
        wait(work);
        done.store(true);
      },
      "downloader");
  worker.join();
  heartbeat.join();
}

}  // namespace

Scenario event_loop_scenario() {
  const std::vector<EngineKind> fiber_only = {EngineKind::fiber};
  return {
      .name = "event_loop",
      .summary = "tasks on one thread: a blocking call stalls every other task",
      .defaults = Params({{"work_ms", 300}}),
      .variants =
          {
              variant(
                  "cooperative", {Verdict::clean},
                  "The downloader waits with the runtime's own sleep (`await asyncio.sleep`), which hands the "
                  "thread back to the loop: the heartbeat keeps ticking while the download waits.",
                  [](const Params& params) { heartbeat_and_worker(params, [](Duration d) { sleep_for(d); }); },
                  fiber_only),
              variant(
                  "blocking_call", {Verdict::blocked_loop},
                  "The downloader calls the operating system's blocking sleep (`time.sleep` inside a "
                  "coroutine). The thread is stuck in the kernel, no other task can run, and the heartbeat "
                  "misses every beat until it returns. Fix: the cooperative wait (`cooperative`), or move the "
                  "blocking call to a thread pool.",
                  [](const Params& params) {
                    heartbeat_and_worker(params, [](Duration d) { std::this_thread::sleep_for(d); });
                  },
                  fiber_only),
          },
      .ranges = {{"work_ms", {0, 1'000}}},
  };
}

}  // namespace interleave::scenarios
