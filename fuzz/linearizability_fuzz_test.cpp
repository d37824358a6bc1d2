// The linearizability checker against brute force on histories rapidcheck
// generates: it says linearizable exactly when some order of the operations
// that returned respects real time, the model accepts it, and leaves every
// operation that never returned blocked.

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <numeric>

#include "fixed_seed.hpp"
#include "interleave/linearizability.hpp"
#include "lincheck/models.hpp"

namespace interleave::testing {
namespace {

using Operation = linearizability::Operation<QueueModel>;

bool brute_force(const std::vector<Operation>& history) {
  std::vector<std::size_t> returned;
  for (std::size_t i = 0; i < history.size(); ++i)
    if (history[i].output) returned.push_back(i);
  const QueueModel model;
  do {
    bool fits = true;
    // Real time: nothing later in the order returned before an earlier one was called.
    for (std::size_t a = 0; a < returned.size() && fits; ++a)
      for (std::size_t b = a + 1; b < returned.size() && fits; ++b)
        fits = !(history[returned[b]].returned < history[returned[a]].called);
    QueueModel::State state = model.initial();
    for (std::size_t i = 0; i < returned.size() && fits; ++i) {
      auto next = model.step(state, history[returned[i]].input, *history[returned[i]].output);
      fits = next.has_value();
      if (fits) state = *next;
    }
    for (std::size_t i = 0; i < history.size() && fits; ++i)
      if (!history[i].output) fits = model.blocks(state, history[i].input);
    if (fits) return true;
  } while (std::next_permutation(returned.begin(), returned.end()));
  return false;
}

// Up to 3 tasks of up to 3 operations; each task's operations follow one
// another in time, the tasks' overlap as the generated times say. A task's
// last pop may never return.
rc::Gen<std::vector<Operation>> histories() {
  return rc::gen::exec([] {
    std::vector<Operation> history;
    const int tasks = *rc::gen::inRange(1, 4);
    for (int task = 0; task < tasks; ++task) {
      std::int64_t now = *rc::gen::inRange<std::int64_t>(0, 4);
      const int operations = *rc::gen::inRange(1, 4);
      for (int i = 0; i < operations; ++i) {
        Operation operation;
        operation.task = task;
        operation.input.push = *rc::gen::arbitrary<bool>();
        operation.input.value = operation.input.push ? *rc::gen::inRange(1, 3) : 0;
        operation.called = now;
        operation.returned = now + *rc::gen::inRange<std::int64_t>(0, 6);
        now = operation.returned + *rc::gen::inRange<std::int64_t>(1, 3);
        const bool last = i == operations - 1;
        if (!operation.input.push && last && *rc::gen::inRange(0, 4) == 0)
          operation.output.reset();
        else
          operation.output = operation.input.push ? 0 : *rc::gen::inRange(1, 3);
        history.push_back(operation);
      }
    }
    return history;
  });
}

RC_GTEST_PROP(LinearizabilityOracle, TheCheckerAgreesWithTryingEveryOrder, ()) {
  const std::vector<Operation> history = *histories();
  const bool expected = brute_force(history);
  RC_CLASSIFY(expected, "linearizable");
  RC_ASSERT(linearizability::check(QueueModel{}, history).linearizable == expected);
}

}  // namespace
}  // namespace interleave::testing

int main(int argc, char** argv) { return interleave::fuzz::run_properties(argc, argv, 2'000); }
