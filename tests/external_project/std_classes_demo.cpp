// The production build of the std-written classes: production/sync_alias.hpp
// makes sync:: std, and nothing here knows interleave.
#include <cstdio>
#include <thread>
#include <vector>

#include "blocking_queue.hpp"
#include "lazy_value.hpp"

int main() {
  shop::BlockingQueue<int> queue(1);
  int sum = 0;
  {
    std::jthread producer([&] {
      for (int i = 1; i <= 100; ++i) queue.push(i);
    });
    std::jthread consumer([&] {
      for (int i = 1; i <= 100; ++i) sum += queue.pop();
    });
  }
  std::atomic<int> builds{0};
  shop::LazyValue<int> lazy([&] {
    builds.fetch_add(1);
    return 42;
  });
  {
    std::vector<std::jthread> callers;
    for (int i = 0; i < 4; ++i) callers.emplace_back([&] { lazy.get(); });
  }
  std::printf("production: the queue carried 1..100 (sum %d), the lazy value %d was built %d time(s)\n", sum,
              lazy.get(), builds.load());
  return sum == 5050 && builds.load() == 1 ? 0 : 1;
}
