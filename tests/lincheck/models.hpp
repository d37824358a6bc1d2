#pragma once

// Sequential models for the linearizability checker's tests.

#include <cstddef>
#include <deque>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace interleave::testing {

// A register of one int: write(v) gives nothing, read() gives the value.
struct RegisterModel {
  using State = int;
  struct Input {
    bool write = false;
    int value = 0;
  };
  using Output = int;  // what a read saw; 0 for a write
  State initial() const { return 0; }
  std::optional<State> step(const State& state, const Input& input, const Output& output) const {
    if (input.write) return input.value;
    if (output != state) return std::nullopt;
    return state;
  }
  bool blocks(const State&, const Input&) const { return false; }
  std::size_t hash(const State& state) const { return std::hash<int>{}(state); }
  std::string format(const Input& input) const {
    return input.write ? "write(" + std::to_string(input.value) + ")" : "read()";
  }
  std::string format(const Input& input, const Output& output) const {
    return input.write ? "ok" : std::to_string(output);
  }
};

// A counter whose increment gives the value before it (fetch-and-increment).
struct CounterModel {
  using State = int;
  struct Input {};
  using Output = int;
  State initial() const { return 0; }
  std::optional<State> step(const State& state, const Input&, const Output& output) const {
    if (output != state) return std::nullopt;
    return state + 1;
  }
  bool blocks(const State&, const Input&) const { return false; }
  std::size_t hash(const State& state) const { return std::hash<int>{}(state); }
  std::string format(const Input&) const { return "increment()"; }
  std::string format(const Input&, const Output& output) const { return std::to_string(output); }
};

// An unbounded FIFO queue whose pop waits while it is empty.
struct QueueModel {
  using State = std::deque<int>;
  struct Input {
    bool push = false;
    int value = 0;
  };
  using Output = int;  // what a pop took; 0 for a push
  State initial() const { return {}; }
  std::optional<State> step(const State& state, const Input& input, const Output& output) const {
    State next = state;
    if (input.push) {
      next.push_back(input.value);
      return next;
    }
    if (next.empty() || next.front() != output) return std::nullopt;
    next.pop_front();
    return next;
  }
  bool blocks(const State& state, const Input& input) const { return !input.push && state.empty(); }
  std::string format(const Input& input) const {
    return input.push ? "push(" + std::to_string(input.value) + ")" : "pop()";
  }
  std::string format(const Input& input, const Output& output) const {
    return input.push ? "ok" : std::to_string(output);
  }
  std::size_t hash(const State& state) const {
    std::size_t seed = state.size();
    for (int value : state) seed = seed * 1'000'003 + std::hash<int>{}(value);
    return seed;
  }
};

// A FIFO queue whose pop does not wait: it gives -1 when the queue is empty.
struct TryQueueModel {
  using State = std::deque<int>;
  using Input = QueueModel::Input;
  using Output = int;
  State initial() const { return {}; }
  std::optional<State> step(const State& state, const Input& input, const Output& output) const {
    if (!input.push && output == -1) return state.empty() ? std::optional<State>(state) : std::nullopt;
    return QueueModel{}.step(state, input, output);
  }
  bool blocks(const State&, const Input&) const { return false; }
  std::size_t hash(const State& state) const { return QueueModel{}.hash(state); }
  std::string format(const Input& input) const { return input.push ? QueueModel{}.format(input) : "try_pop()"; }
  std::string format(const Input& input, const Output& output) const {
    return input.push ? "ok" : output == -1 ? "empty" : std::to_string(output);
  }
};

// A queue that is FIFO per producer only (moodycamel's promise): values are
// pushed as producer * 100 + n, and a pop may take the oldest value of any
// producer. Its pop does not wait (-1: every producer's queue is empty).
struct PerProducerQueueModel {
  static constexpr int kProducers = 4;
  using State = std::vector<std::deque<int>>;
  using Input = QueueModel::Input;
  using Output = int;
  State initial() const { return State(kProducers); }
  std::optional<State> step(const State& state, const Input& input, const Output& output) const {
    State next = state;
    if (input.push) {
      next[input.value / 100].push_back(input.value);
      return next;
    }
    if (output == -1) {
      for (const auto& queue : state)
        if (!queue.empty()) return std::nullopt;
      return next;
    }
    auto& queue = next[output / 100];
    if (queue.empty() || queue.front() != output) return std::nullopt;
    queue.pop_front();
    return next;
  }
  bool blocks(const State&, const Input&) const { return false; }
  std::size_t hash(const State& state) const {
    std::size_t seed = 0;
    for (const auto& queue : state) seed = seed * 31 + QueueModel{}.hash(queue);
    return seed;
  }
  std::string format(const Input& input) const { return TryQueueModel{}.format(input); }
  std::string format(const Input& input, const Output& output) const { return TryQueueModel{}.format(input, output); }
};

// How rapidcheck prints a generated operation.
inline std::ostream& operator<<(std::ostream& out, const QueueModel::Input& input) {
  return out << QueueModel{}.format(input);
}

}  // namespace interleave::testing
