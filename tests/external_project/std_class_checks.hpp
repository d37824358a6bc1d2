#pragma once

// What the tests and wallet_cli explore the std-written classes with, built
// with under_test/sync_alias.hpp. Each creates its object inside the
// explored body: one object per schedule.

#include <interleave/interleave.hpp>
#include <vector>

#include "blocking_queue.hpp"
#include "lazy_value.hpp"

// Two producers push two items each through a one-item queue, two consumers
// pop two each.
namespace shop {

// How the tests explore these: 5,000 schedules of the default strategy
// (INTERLEAVE_* variables override them).
inline interleave::ExploreResult explore_class(void (*body)()) {
  interleave::ExploreOptions options;
  options.schedules = 5'000;
  return interleave::explore(options, body);
}

template <class Queue>
void producers_and_consumers() {
  Queue queue(1);
  int popped[2][2] = {};
  {
    std::vector<sync::jthread> threads;
    for (int p = 0; p < 2; ++p)
      threads.emplace_back([&queue, p] {
        for (int i = 1; i <= 2; ++i) queue.push(p * 10 + i);
      });
    for (int c = 0; c < 2; ++c)
      threads.emplace_back([&queue, &popped, c] {
        for (int i = 0; i < 2; ++i) popped[c][i] = queue.pop();
      });
  }
  int sum = 0;
  for (const auto& some : popped) sum += some[0] + some[1];
  interleave::check(sum == 1 + 2 + 11 + 12, "an item lost or duplicated");
}

// Two threads ask for the value first; it must be built once.
template <class Lazy>
void two_first_callers() {
  sync::atomic<int> builds{0};
  Lazy lazy([&] {
    builds.fetch_add(1);
    return 42;
  });
  int seen[2] = {};
  {
    sync::jthread a([&] { seen[0] = lazy.get(); });
    sync::jthread b([&] { seen[1] = lazy.get(); });
  }
  interleave::check(builds.load() == 1, "the value was built more than once");
  interleave::check(seen[0] == 42 && seen[1] == 42, "a caller saw no value");
}

}  // namespace shop
