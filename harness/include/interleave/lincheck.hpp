#pragma once

// Linearizability testing of a concurrent object, as JetBrains' Lincheck
// does for the JVM: each task runs its script of operations on one object,
// interleave explores schedules of them, and every schedule's history (each
// operation's call, return and output) is checked against a sequential
// model (interleave/linearizability.hpp). A schedule in which some
// operations never return (a pop waiting forever) is accepted only where
// the model would block them too.
//
//   auto result = interleave::lincheck::check(
//       options, QueueModel{}, {{push(1), pop()}, {pop()}},
//       [] { return std::make_unique<MyQueue>(); },
//       [](MyQueue& queue, const QueueModel::Input& input) { ... return output; });
//   EXPECT_TRUE(result.exploration.clean()) << result;
//
// The model, beyond what the checker needs, formats inputs and outputs:
//   std::string format(const Input&) const;                 // "push(1)"
//   std::string format(const Input&, const Output&) const;  // its result: "ok", "2"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "interleave/control.hpp"
#include "interleave/explore.hpp"
#include "interleave/linearizability.hpp"
#include "interleave/task.hpp"

namespace interleave::lincheck {

template <class Model>
using Script = std::vector<typename Model::Input>;

template <class Model>
struct Result {
  // not_linearizable when a schedule's history had no linearization; its
  // message and details show that history, one column per task.
  ExploreResult exploration;
  std::vector<linearizability::Operation<Model>> history;  // the failing one
  std::uint64_t histories_checked = 0;
};

namespace detail {

// A column per task, a row per call or return in time order.
template <class Model>
std::vector<std::string> history_table(const Model& model,
                                       const std::vector<linearizability::Operation<Model>>& history, int tasks) {
  constexpr int kWidth = 24;
  struct Row {
    std::int64_t time;
    int task;
    std::string text;
  };
  std::vector<Row> rows;
  for (const auto& operation : history) {
    const std::string call = model.format(operation.input);
    if (!operation.output) {
      rows.push_back({operation.called, operation.task, call + " never returns"});
      continue;
    }
    if (operation.returned == operation.called + 1) {
      rows.push_back(
          {operation.called, operation.task, call + " -> " + model.format(operation.input, *operation.output)});
      continue;
    }
    rows.push_back({operation.called, operation.task, call + " ..."});
    rows.push_back({operation.returned, operation.task, "... -> " + model.format(operation.input, *operation.output)});
  }
  // Every stamp is unique: one counter gave them all.
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.time < b.time; });
  std::vector<std::string> lines;
  std::string header;
  for (int task = 0; task < tasks; ++task) header += fmt::format("{:<{}}", fmt::format("task {}", task), kWidth);
  lines.push_back(header);
  for (const Row& row : rows)
    lines.push_back(fmt::format("{:{}}{}", "", row.task * kWidth, row.text.substr(0, kWidth - 1)));
  return lines;
}

}  // namespace detail

// `make` builds a fresh object for every schedule; `apply(object, input)`
// runs one operation and returns its output.
template <class Model, class Make, class Apply>
Result<Model> check(ExploreOptions options, const Model& model, const std::vector<Script<Model>>& scripts, Make make,
                    Apply apply) {
  using Operation = linearizability::Operation<Model>;
  Result<Model> result;
  std::vector<std::size_t> first_slot;
  std::size_t operations = 0;
  for (const auto& script : scripts) {
    first_slot.push_back(operations);
    operations += script.size();
  }
  // Each schedule writes its history here, every operation into a slot of
  // its own (the threads engine's tasks write at once); stamps come from
  // one counter, so an operation that returned before another was called
  // has the smaller stamp.
  std::vector<Operation> history(operations);
  std::atomic<std::int64_t> clock{0};
  options.judge = [&](Verdict& verdict, std::string& message, std::vector<std::string>& details) {
    // A clean schedule left a whole history; one whose tasks all waited
    // forever (a deadlock) left operations that never returned.
    if (verdict != Verdict::clean && verdict != Verdict::deadlock) return;
    ++result.histories_checked;
    std::vector<Operation> called;  // a task stopped by a deadlock may not have called them all
    for (const Operation& operation : history)
      if (operation.called >= 0) called.push_back(operation);
    if (linearizability::check(model, called).linearizable) {
      verdict = Verdict::clean;
      message.clear();
      details.clear();
      return;
    }
    verdict = Verdict::not_linearizable;
    message = fmt::format("not_linearizable: no order of these {} operations gives what they returned", called.size());
    details = detail::history_table(model, called, static_cast<int>(scripts.size()));
    result.history = std::move(called);
  };
  result.exploration = explore(options, [&] {
    clock.store(0);
    for (std::size_t task = 0; task < scripts.size(); ++task)
      for (std::size_t i = 0; i < scripts[task].size(); ++i)
        history[first_slot[task] + i] = Operation{static_cast<int>(task), scripts[task][i], std::nullopt, -1, 0};
    auto object = make();
    std::vector<Task> tasks;
    for (std::size_t task = 0; task < scripts.size(); ++task)
      tasks.push_back(spawn(
          [&, task] {
            for (std::size_t i = 0; i < scripts[task].size(); ++i) {
              // Tasks interleave at operation boundaries even when the
              // object has no scheduling point of its own (a real library
              // on the threads engine).
              yield_point();
              Operation& operation = history[first_slot[task] + i];
              operation.called = clock.fetch_add(1);
              auto output = apply(*object, operation.input);
              operation.returned = clock.fetch_add(1);
              operation.output = std::move(output);
            }
          },
          fmt::format("task {}", task)));
    for (Task& task : tasks) task.join();
  });
  return result;
}

template <class Model>
std::ostream& operator<<(std::ostream& out, const Result<Model>& result) {
  return out << result.exploration << "\n  histories checked: " << result.histories_checked;
}

}  // namespace interleave::lincheck
