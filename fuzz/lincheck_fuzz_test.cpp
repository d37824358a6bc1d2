// Lincheck's way: rapidcheck generates each task's script of queue
// operations, lincheck::check explores their schedules. On the correct
// blocking queue every generated case is linearizable; on the queue that
// loses wakeups, rapidcheck finds a failing case and shrinks it to fewest
// operations (and interleave its schedule to fewest preemptions).

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <memory>

#include "fixed_seed.hpp"
#include "interleave/lincheck.hpp"
#include "lincheck/models.hpp"
#include "lincheck/queues.hpp"

namespace interleave::testing {
namespace {

rc::Gen<QueueModel::Input> queue_operations() {
  return rc::gen::oneOf(rc::gen::just(QueueModel::Input{false, 0}),
                        rc::gen::map(rc::gen::inRange(1, 4), [](int value) { return QueueModel::Input{true, value}; }));
}

// 2 or 3 tasks of 1 to 3 operations.
rc::Gen<std::vector<lincheck::Script<QueueModel>>> scripts() {
  return rc::gen::mapcat(rc::gen::inRange(2, 4), [](int tasks) {
    return rc::gen::container<std::vector<lincheck::Script<QueueModel>>>(
        tasks,
        rc::gen::resize(3, rc::gen::nonEmpty(rc::gen::container<lincheck::Script<QueueModel>>(queue_operations()))));
  });
}

template <class Queue>
lincheck::Result<QueueModel> explore_queue(const std::vector<lincheck::Script<QueueModel>>& scripts) {
  ExploreOptions options;
  options.schedules = 300;
  options.spurious_wakeups = 0;
  return lincheck::check(
      options, QueueModel{}, scripts, [] { return std::make_unique<Queue>(); }, apply_to_queue<Queue>);
}

RC_GTEST_PROP(LincheckOracle, ABlockingQueueIsLinearizableOnEveryScript, ()) {
  const auto result = explore_queue<BlockingQueue>(*scripts());
  RC_ASSERT(result.exploration.clean());
}

TEST(LincheckOracle, AQueueThatLosesWakeupsFailsAndShrinks) {
  std::size_t smallest = 0;
  const bool passed = rc::check("the lost-wakeup queue is linearizable", [&] {
    const auto generated = *scripts();
    const auto result = explore_queue<LostWakeupQueue>(generated);
    if (!result.exploration.clean()) {
      std::size_t operations = 0;
      for (const auto& script : generated) operations += script.size();
      if (smallest == 0 || operations < smallest) smallest = operations;
    }
    RC_ASSERT(result.exploration.clean());
  });
  EXPECT_FALSE(passed);
  // A push and a pop in two tasks are the fewest that lose a wakeup.
  EXPECT_EQ(smallest, 2u);
}

}  // namespace
}  // namespace interleave::testing

int main(int argc, char** argv) { return interleave::fuzz::run_properties(argc, argv, 100); }
