#include "bench/references.hpp"

#include <concurrentqueue/blockingconcurrentqueue.h>
#include <fmt/format.h>
#include <tbb/concurrent_queue.h>

#include <atomic>
#include <boost/fiber/buffered_channel.hpp>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

namespace interleave::bench {
namespace {

void run_threads(int count, const std::function<void(int)>& work) {
  std::vector<std::thread> threads;
  for (int i = 0; i < count; ++i) threads.emplace_back(work, i);
  for (auto& thread : threads) thread.join();
}

void expect(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("reference benchmark went wrong: ") + what);
}

// Item i of producer p, as bounded_queue's scenario numbers them.
int item_of(int producer, int i) { return producer * 1000 + i; }

// Every item consumed exactly once, checked the way bounded_queue's scenario
// checks it, so that a hand-written twin does the scenario's work too.
void expect_each_once(const std::vector<std::vector<int>>& consumed, int producers, int items) {
  std::map<int, int> seen;
  for (const auto& list : consumed)
    for (int item : list) ++seen[item];
  for (int p = 0; p < producers; ++p)
    for (int i = 0; i < items; ++i) expect(seen[item_of(p, i)] == 1, "an item was lost or consumed twice");
}

class StdBoundedQueue {
 public:
  explicit StdBoundedQueue(int capacity) : capacity_(capacity) {}

  void put(int item) {
    std::unique_lock hold(lock_);
    not_full_.wait(hold, [&] { return static_cast<int>(items_.size()) < capacity_; });
    items_.push_back(item);
    expect(static_cast<int>(items_.size()) <= capacity_, "capacity exceeded");
    not_empty_.notify_one();
  }
  std::optional<int> get() {
    std::unique_lock hold(lock_);
    not_empty_.wait(hold, [&] { return !items_.empty() || closed_; });
    if (items_.empty()) return std::nullopt;
    int item = items_.front();
    items_.pop_front();
    not_full_.notify_one();
    return item;
  }
  void close() {
    std::lock_guard hold(lock_);
    closed_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }

 private:
  const int capacity_;
  std::mutex lock_;
  std::condition_variable not_full_, not_empty_;
  std::deque<int> items_;
  bool closed_ = false;
};

// As bounded_queue's scenario runs: consumers start, producers put `items`
// each, then consumers are told to stop (by `close` when the queue has it,
// else by one pill, -1, per consumer) and what each took is checked.
template <class Put, class Take, class Close>
void producer_consumer(int producers, int consumers, int items, Put put, Take take, Close close) {
  std::vector<std::vector<int>> consumed(static_cast<std::size_t>(consumers));
  std::vector<std::thread> consumer_threads;
  for (int c = 0; c < consumers; ++c)
    consumer_threads.emplace_back([&, c] {
      while (auto item = take()) consumed[c].push_back(*item);
    });
  run_threads(producers, [&](int p) {
    for (int i = 0; i < items; ++i) put(item_of(p, i));
  });
  close();
  for (auto& thread : consumer_threads) thread.join();
  expect_each_once(consumed, producers, items);
}

}  // namespace

void std_counter_locked(int workers, int iterations) {
  std::mutex lock;
  int count = 0;
  run_threads(workers, [&](int) {
    for (int i = 0; i < iterations; ++i) {
      std::lock_guard guard(lock);
      count = count + 1;
    }
  });
  expect(count == workers * iterations, "lost update");
}

void std_counter_atomic(int workers, int iterations) {
  std::atomic<int> count{0};
  run_threads(workers, [&](int) {
    for (int i = 0; i < iterations; ++i) count.fetch_add(1);
  });
  expect(count.load() == workers * iterations, "lost update");
}

void std_bounded_queue(int producers, int consumers, int items, int capacity) {
  StdBoundedQueue queue(capacity);
  producer_consumer(
      producers, consumers, items, [&](int item) { queue.put(item); }, [&] { return queue.get(); },
      [&] { queue.close(); });
}

void fiber_channel_queue(int producers, int consumers, int items, int capacity) {
  std::size_t slots = 2;
  while (slots < static_cast<std::size_t>(capacity)) slots *= 2;
  boost::fibers::buffered_channel<int> channel(slots);
  producer_consumer(
      producers, consumers, items, [&](int item) { channel.push(item); },
      [&]() -> std::optional<int> {
        int item = 0;
        if (channel.pop(item) != boost::fibers::channel_op_status::success) return std::nullopt;
        return item;
      },
      [&] { channel.close(); });
}

void tbb_bounded_queue(int producers, int consumers, int items, int capacity) {
  tbb::concurrent_bounded_queue<int> queue;
  queue.set_capacity(capacity);
  producer_consumer(
      producers, consumers, items, [&](int item) { queue.push(item); },
      [&]() -> std::optional<int> {
        int item = 0;
        queue.pop(item);
        if (item < 0) return std::nullopt;
        return item;
      },
      [&] {
        for (int c = 0; c < consumers; ++c) queue.push(-1);
      });
}

// moodycamel's queue does not keep order across producers, so a pill could
// overtake items: consumers instead claim how many items they will take.
void moodycamel_queue(int producers, int consumers, int items) {
  moodycamel::BlockingConcurrentQueue<int> queue;
  const long total = static_cast<long>(producers) * items;
  std::atomic<long> claimed{0};
  std::vector<std::vector<int>> consumed(static_cast<std::size_t>(consumers));
  std::vector<std::thread> consumer_threads;
  for (int c = 0; c < consumers; ++c)
    consumer_threads.emplace_back([&, c] {
      for (int item = 0; claimed.fetch_add(1) < total;) {
        queue.wait_dequeue(item);
        consumed[c].push_back(item);
      }
    });
  run_threads(producers, [&](int p) {
    for (int i = 0; i < items; ++i) queue.enqueue(item_of(p, i));
  });
  for (auto& thread : consumer_threads) thread.join();
  expect_each_once(consumed, producers, items);
}

}  // namespace interleave::bench
