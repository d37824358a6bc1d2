// dining_philosophers: philosophers around a table, one fork between each
// pair; each needs both neighbouring forks to eat.

#include <memory>
#include <optional>
#include <source_location>

#include "scenarios/catalog.hpp"
#include "scenarios/support.hpp"

namespace interleave::scenarios {
namespace {

enum class Manners { left_first, lower_first, ask_the_waiter };

void dine(const Params& params, Manners manners) {
  const int philosophers = params.as_int("philosophers"), meals = params.as_int("meals");
  std::vector<std::unique_ptr<Mutex>> forks;
  for (int f = 0; f < philosophers; ++f) forks.push_back(std::make_unique<Mutex>(fmt::format("fork[{}]", f)));
  Mutex waiter("waiter");
  Atomic<int> eaten(0, "meals");
  run_workers(philosophers, [&](int p) {
    int left = p, right = (p + 1) % philosophers;
    int first = manners == Manners::lower_first ? std::min(left, right) : left;
    int second = first == left ? right : left;
    for (int m = 0; m < meals; ++m) {
      std::optional<ScopedLock> seated;  // `ask_the_waiter`: one philosopher at a time picks up forks
      if (manners == Manners::ask_the_waiter) seated.emplace(waiter, std::source_location::current());
      ScopedLock hold_first(*forks[first]);
      yield_point();
      ScopedLock hold_second(*forks[second]);
      seated.reset();  // both forks in hand: the waiter serves the next while this one eats
      yield_point();
      eaten.fetch_add(1);
    }
  });
  check(eaten.load() == philosophers * meals, "a philosopher went hungry");
}

}  // namespace

Scenario dining_philosophers_scenario() {
  return {
      .name = "dining_philosophers",
      .summary = "philosophers each need both neighbouring forks to eat",
      .defaults = Params({{"philosophers", 3}, {"meals", 1}}),
      .variants =
          {
              variant("naive", {Verdict::deadlock, Verdict::lock_order_inversion},
                      "Everyone picks up the left fork, then the right. If all pick up their left fork at once, "
                      "each waits for a right fork that a neighbour holds: a cycle of waiting around the table. "
                      "Fix: one global order for the forks (`ordered`).",
                      [](const Params& params) { dine(params, Manners::left_first); }),
              variant("ordered", {Verdict::clean},
                      "Everyone picks up the lower-numbered of their two forks first. The last philosopher thus "
                      "reaches for fork 0 before fork n-1, which breaks the cycle: some philosopher can always "
                      "finish.",
                      [](const Params& params) { dine(params, Manners::lower_first); }),
              differing_under_tsan(
                  variant("waiter", {Verdict::clean},
                          "A waiter (one global lock) lets one philosopher at a time pick up forks; forks are put down "
                          "without asking. Everyone still takes the left fork first, so the forks are locked in orders "
                          "that form a cycle, but each philosopher holds the waiter across both pickups: a gate lock. "
                          "Two philosophers are never both between their first and second fork, so no cycle of waiting "
                          "can form, and a lock-order checker that knows gate locks stays silent.",
                          [](const Params& params) { dine(params, Manners::ask_the_waiter); }),
                  {Verdict::lock_order_inversion},
                  "ThreadSanitizer's deadlock detector keeps one lock-order graph that knows no gate locks: it "
                  "reports fork[0] => fork[1] => fork[2] => fork[0] as a lock-order-inversion, although the "
                  "waiter, held across every edge of that cycle, lets only one philosopher into it at a time. A "
                  "false alarm: the fiber engine's lock-order graph knows the gate and stays clean, and so does "
                  "the threads engine."),
          },
      .ranges = {{"philosophers", kTaskCount}},
  };
}

}  // namespace interleave::scenarios
