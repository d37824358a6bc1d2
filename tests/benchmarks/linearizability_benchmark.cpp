// Speed of the linearizability checker on histories of 3 tasks x 5
// operations on one register, as a concurrent run makes them: each
// operation's call, effect and return are steps of its task, and the tasks'
// steps interleave at random. Linearizable by construction; the "corrupted"
// case changes one read's value, so that most are not and the search must
// try every order before it says so.
// Run: ./build/default/tests/benchmarks/linearizability_benchmark
// The figure to read is items_per_second (= histories decided per second).

#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "interleave/linearizability.hpp"
#include "lincheck/models.hpp"

namespace {

using interleave::testing::RegisterModel;
using Operation = interleave::linearizability::Operation<RegisterModel>;

std::vector<Operation> concurrent_history(std::mt19937_64& random, int tasks, int operations, bool corrupt) {
  std::vector<Operation> history;
  std::vector<int> steps_left(tasks, operations * 3);
  std::vector<std::size_t> current(tasks);
  int value = 0;
  std::int64_t now = 0;
  for (int left = tasks * operations * 3; left > 0; --left) {
    int task = 0;
    do task = static_cast<int>(random() % tasks);
    while (steps_left[task] == 0);
    const int step = 2 - (steps_left[task] - 1) % 3;  // 0 call, 1 effect, 2 return
    --steps_left[task];
    ++now;
    if (step == 0) {
      current[task] = history.size();
      const bool write = random() % 2 == 0;
      history.push_back({task, {write, static_cast<int>(random() % 3)}, 0, now, 0});
    } else if (step == 1) {
      Operation& operation = history[current[task]];
      if (operation.input.write)
        value = operation.input.value;
      else
        operation.output = value;
    } else {
      history[current[task]].returned = now;
    }
  }
  if (corrupt)
    for (auto& operation : history)
      if (!operation.input.write) {
        operation.output = *operation.output + 1;
        break;
      }
  return history;
}

void check_histories(benchmark::State& state, bool corrupt) {
  std::mt19937_64 random(20261201);
  std::vector<std::vector<Operation>> histories;
  for (int i = 0; i < 1000; ++i) histories.push_back(concurrent_history(random, 3, 5, corrupt));
  std::size_t next = 0, linearizable = 0;
  std::uint64_t states = 0;
  for (auto _ : state) {
    const auto verdict = interleave::linearizability::check(RegisterModel{}, histories[next]);
    linearizable += verdict.linearizable;
    states += verdict.states_tried;
    next = (next + 1) % histories.size();
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["linearizable"] = benchmark::Counter(static_cast<double>(linearizable) / state.iterations());
  state.counters["states_per_history"] = benchmark::Counter(static_cast<double>(states) / state.iterations());
}

BENCHMARK_CAPTURE(check_histories, linearizable, false);
BENCHMARK_CAPTURE(check_histories, corrupted, true);

}  // namespace

BENCHMARK_MAIN();
