// dining_philosophers: philosophers around a table, one fork between each
// pair; each needs both neighbouring forks to eat.

#include <memory>

#include "scenarios/catalog.hpp"
#include "scenarios/support.hpp"

namespace interleave::scenarios {
namespace {

void dine(const Params& params, bool ordered) {
  const int philosophers = params.as_int("philosophers"), meals = params.as_int("meals");
  std::vector<std::unique_ptr<Mutex>> forks;
  for (int f = 0; f < philosophers; ++f) forks.push_back(std::make_unique<Mutex>(fmt::format("fork[{}]", f)));
  Atomic<int> eaten(0, "meals");
  run_workers(philosophers, [&](int p) {
    int left = p, right = (p + 1) % philosophers;
    int first = ordered ? std::min(left, right) : left;  // `ordered`: the lower-numbered fork first
    int second = first == left ? right : left;
    for (int m = 0; m < meals; ++m) {
      ScopedLock hold_first(*forks[first]);
      yield_point();
      ScopedLock hold_second(*forks[second]);
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
                      [](const Params& params) { dine(params, false); }),
              variant("ordered", {Verdict::clean},
                      "Everyone picks up the lower-numbered of their two forks first. The last philosopher thus "
                      "reaches for fork 0 before fork n-1, which breaks the cycle: some philosopher can always "
                      "finish.",
                      [](const Params& params) { dine(params, true); }),
          },
      .ranges = {{"philosophers", kTaskCount}},
  };
}

}  // namespace interleave::scenarios
