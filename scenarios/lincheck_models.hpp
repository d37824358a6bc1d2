#pragma once

// Sequential models of the catalog's objects, for their lincheck variants:
// what each operation may return from a state, and when it waits forever.

#include <cstddef>
#include <deque>
#include <functional>
#include <optional>
#include <string>

namespace interleave::scenarios {

// A counter: increment() gives nothing, read() the count.
struct CounterModel {
  using State = int;
  struct Input {
    bool increment = true;
  };
  using Output = int;  // what a read saw; 0 for an increment
  State initial() const { return 0; }
  std::optional<State> step(const State& state, const Input& input, const Output& output) const {
    if (input.increment) return state + 1;
    return output == state ? std::optional<State>(state) : std::nullopt;
  }
  bool blocks(const State&, const Input&) const { return false; }
  std::size_t hash(const State& state) const { return std::hash<int>{}(state); }
  std::string format(const Input& input) const { return input.increment ? "increment()" : "read()"; }
  std::string format(const Input& input, const Output& output) const {
    return input.increment ? "ok" : std::to_string(output);
  }
};

// An account: deposit(a), withdraw(a) that refuses (gives false) when the
// balance is short, and balance().
struct AccountModel {
  int initial_balance = 100;
  using State = int;
  enum class Kind { deposit, withdraw, balance };
  struct Input {
    Kind kind = Kind::balance;
    int amount = 0;
  };
  using Output = int;  // withdraw: 1 taken, 0 refused; balance: the balance; deposit: 0
  State initial() const { return initial_balance; }
  std::optional<State> step(const State& state, const Input& input, const Output& output) const {
    switch (input.kind) {
      case Kind::deposit:
        return state + input.amount;
      case Kind::withdraw:
        if (output == 1) return state >= input.amount ? std::optional<State>(state - input.amount) : std::nullopt;
        return state < input.amount ? std::optional<State>(state) : std::nullopt;
      case Kind::balance:
        return output == state ? std::optional<State>(state) : std::nullopt;
    }
    return std::nullopt;
  }
  bool blocks(const State&, const Input&) const { return false; }
  std::size_t hash(const State& state) const { return std::hash<int>{}(state); }
  std::string format(const Input& input) const {
    switch (input.kind) {
      case Kind::deposit:
        return "deposit(" + std::to_string(input.amount) + ")";
      case Kind::withdraw:
        return "withdraw(" + std::to_string(input.amount) + ")";
      case Kind::balance:
        break;
    }
    return "balance()";
  }
  std::string format(const Input& input, const Output& output) const {
    if (input.kind == Kind::deposit) return "ok";
    if (input.kind == Kind::withdraw) return output == 1 ? "true" : "false";
    return std::to_string(output);
  }
};

// A FIFO queue of `capacity`: put waits while it is full, get while it is
// empty and open; get on a closed, empty queue gives nothing.
struct BoundedQueueModel {
  int capacity = 1;
  struct State {
    std::deque<int> items;
    bool closed = false;
    bool operator==(const State&) const = default;
  };
  enum class Kind { put, get, close };
  struct Input {
    Kind kind = Kind::get;
    int value = 0;
  };
  using Output = std::optional<int>;  // get: the item, or nothing once closed and empty
  State initial() const { return {}; }
  std::optional<State> step(const State& state, const Input& input, const Output& output) const {
    State next = state;
    switch (input.kind) {
      case Kind::put:
        if (static_cast<int>(state.items.size()) >= capacity) return std::nullopt;
        next.items.push_back(input.value);
        return next;
      case Kind::close:
        next.closed = true;
        return next;
      case Kind::get:
        if (!output) return state.items.empty() && state.closed ? std::optional<State>(next) : std::nullopt;
        if (state.items.empty() || state.items.front() != *output) return std::nullopt;
        next.items.pop_front();
        return next;
    }
    return std::nullopt;
  }
  bool blocks(const State& state, const Input& input) const {
    if (input.kind == Kind::put) return static_cast<int>(state.items.size()) >= capacity;
    return input.kind == Kind::get && state.items.empty() && !state.closed;
  }
  std::size_t hash(const State& state) const {
    std::size_t seed = state.items.size() * 2 + (state.closed ? 1 : 0);
    for (int item : state.items) seed = seed * 1'000'003 + std::hash<int>{}(item);
    return seed;
  }
  std::string format(const Input& input) const {
    if (input.kind == Kind::put) return "put(" + std::to_string(input.value) + ")";
    return input.kind == Kind::get ? "get()" : "close()";
  }
  std::string format(const Input& input, const Output& output) const {
    if (input.kind != Kind::get) return "ok";
    return output ? std::to_string(*output) : "closed";
  }
};

// A pool of `size` permits: acquire waits while none is free.
struct PoolModel {
  int size = 2;
  using State = int;  // permits out
  struct Input {
    bool acquire = true;
  };
  using Output = int;  // always 0
  State initial() const { return 0; }
  std::optional<State> step(const State& state, const Input& input, const Output&) const {
    if (input.acquire) return state < size ? std::optional<State>(state + 1) : std::nullopt;
    return state > 0 ? std::optional<State>(state - 1) : std::nullopt;
  }
  bool blocks(const State& state, const Input& input) const { return input.acquire && state >= size; }
  std::size_t hash(const State& state) const { return std::hash<int>{}(state); }
  std::string format(const Input& input) const { return input.acquire ? "acquire()" : "release()"; }
  std::string format(const Input&, const Output&) const { return "ok"; }
};

}  // namespace interleave::scenarios
