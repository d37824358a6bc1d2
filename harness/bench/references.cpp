#include "bench/references.hpp"

#include <concurrentqueue/blockingconcurrentqueue.h>
#include <fmt/format.h>
#include <tbb/concurrent_queue.h>

#include <atomic>
#include <boost/fiber/buffered_channel.hpp>
#include <condition_variable>
#include <deque>
#include <functional>
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

void expect(bool ok, const std::string& what) {
  if (!ok) throw std::runtime_error("reference benchmark went wrong: " + what);
}

class StdBoundedQueue {
 public:
  explicit StdBoundedQueue(int capacity) : capacity_(capacity) {}

  void put(int item) {
    std::unique_lock hold(lock_);
    not_full_.wait(hold, [&] { return static_cast<int>(items_.size()) < capacity_; });
    items_.push_back(item);
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

// Producers put `items` each, then consumers are told to stop: by `close`
// when the queue has it, else by one pill (-1) per consumer.
template <class Put, class Take, class Close>
void producer_consumer(int producers, int consumers, int items, Put put, Take take, Close close) {
  std::atomic<long> consumed{0};
  std::vector<std::thread> consumer_threads;
  for (int c = 0; c < consumers; ++c)
    consumer_threads.emplace_back([&] {
      long mine = 0;
      while (take()) ++mine;
      consumed.fetch_add(mine);
    });
  run_threads(producers, [&](int p) {
    for (int i = 0; i < items; ++i) put(p * items + i);
  });
  close();
  for (auto& thread : consumer_threads) thread.join();
  expect(consumed.load() == static_cast<long>(producers) * items, "items lost or duplicated");
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
      producers, consumers, items, [&](int item) { queue.put(item); }, [&] { return queue.get().has_value(); },
      [&] { queue.close(); });
}

void fiber_channel_queue(int producers, int consumers, int items, int capacity) {
  std::size_t slots = 2;
  while (slots < static_cast<std::size_t>(capacity)) slots *= 2;
  boost::fibers::buffered_channel<int> channel(slots);
  producer_consumer(
      producers, consumers, items, [&](int item) { channel.push(item); },
      [&] {
        int item = 0;
        return channel.pop(item) == boost::fibers::channel_op_status::success;
      },
      [&] { channel.close(); });
}

void tbb_bounded_queue(int producers, int consumers, int items, int capacity) {
  tbb::concurrent_bounded_queue<int> queue;
  queue.set_capacity(capacity);
  producer_consumer(
      producers, consumers, items, [&](int item) { queue.push(item); },
      [&] {
        int item = 0;
        queue.pop(item);
        return item >= 0;
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
  std::atomic<long> claimed{0}, consumed{0};
  std::vector<std::thread> consumer_threads;
  for (int c = 0; c < consumers; ++c)
    consumer_threads.emplace_back([&] {
      for (int item = 0; claimed.fetch_add(1) < total;) {
        queue.wait_dequeue(item);
        consumed.fetch_add(1);
      }
    });
  run_threads(producers, [&](int p) {
    for (int i = 0; i < items; ++i) queue.enqueue(p * items + i);
  });
  for (auto& thread : consumer_threads) thread.join();
  expect(consumed.load() == total, "items lost or duplicated");
}

}  // namespace interleave::bench
