// Real concurrent queues, unchanged, checked for linearizability on the
// threads engine: TBB's concurrent_bounded_queue and concurrent_queue, and
// moodycamel's BlockingConcurrentQueue and ConcurrentQueue. Two producers
// push three values each while two consumers pop; every schedule's history
// is checked against a FIFO model, and moodycamel's (FIFO per producer
// only, as its documentation says) against the per-producer model too.
// The expectations are what these runs established.

#include <concurrentqueue/blockingconcurrentqueue.h>
#include <concurrentqueue/concurrentqueue.h>
#include <gtest/gtest.h>
#include <oneapi/tbb/concurrent_queue.h>

#include <memory>

#include "interleave/lincheck.hpp"
#include "models.hpp"
#include "producer_consumer_scripts.hpp"

namespace interleave::testing {
namespace {

constexpr std::uint64_t kSchedules = 300;

template <class Model, class Queue, class Apply>
lincheck::Result<Model> check_real_queue(Apply apply) {
  ExploreOptions options;
  options.engine = EngineKind::threads;
  options.schedules = kSchedules;
  return lincheck::check(
      options, Model{}, producers_and_consumers<Model>(), [] { return std::make_unique<Queue>(); }, apply);
}

auto blocking = [](auto& queue, const QueueModel::Input& input) {
  if (input.push) {
    queue.push(input.value);
    return 0;
  }
  int value = -1;
  queue.pop(value);
  return value;
};

TEST(RealQueues, TbbConcurrentBoundedQueueIsALinearizableFifo) {
  const auto result = check_real_queue<QueueModel, tbb::concurrent_bounded_queue<int>>(blocking);
  EXPECT_TRUE(result.exploration.clean()) << result;
  EXPECT_EQ(result.histories_checked, kSchedules);
}

auto tbb_try = [](tbb::concurrent_queue<int>& queue, const QueueModel::Input& input) {
  if (input.push) {
    queue.push(input.value);
    return 0;
  }
  int value = -1;
  return queue.try_pop(value) ? value : -1;
};

TEST(RealQueues, TbbConcurrentQueueIsALinearizableFifo) {
  const auto result = check_real_queue<TryQueueModel, tbb::concurrent_queue<int>>(tbb_try);
  EXPECT_TRUE(result.exploration.clean()) << result;
  EXPECT_EQ(result.histories_checked, kSchedules);
}

auto moodycamel_blocking = [](moodycamel::BlockingConcurrentQueue<int>& queue, const QueueModel::Input& input) {
  if (input.push) {
    queue.enqueue(input.value);
    return 0;
  }
  int value = -1;
  queue.wait_dequeue(value);
  return value;
};

auto moodycamel_try = [](moodycamel::ConcurrentQueue<int>& queue, const QueueModel::Input& input) {
  if (input.push) {
    queue.enqueue(input.value);
    return 0;
  }
  int value = -1;
  return queue.try_dequeue(value) ? value : -1;
};

// moodycamel promises FIFO order per producer only: across producers a pop
// may take a later value first, and the FIFO model finds that.
TEST(RealQueues, MoodycamelBlockingQueueIsFifoPerProducerOnly) {
  const auto fifo = check_real_queue<QueueModel, moodycamel::BlockingConcurrentQueue<int>>(moodycamel_blocking);
  EXPECT_EQ(fifo.exploration.verdict, Verdict::not_linearizable) << fifo;
  const auto per_producer =
      check_real_queue<PerProducerQueueModel, moodycamel::BlockingConcurrentQueue<int>>(moodycamel_blocking);
  EXPECT_TRUE(per_producer.exploration.clean()) << per_producer;
  EXPECT_EQ(per_producer.histories_checked, kSchedules);
}

TEST(RealQueues, MoodycamelConcurrentQueueIsFifoPerProducerOnly) {
  const auto fifo = check_real_queue<TryQueueModel, moodycamel::ConcurrentQueue<int>>(moodycamel_try);
  EXPECT_EQ(fifo.exploration.verdict, Verdict::not_linearizable) << fifo;
  const auto per_producer = check_real_queue<PerProducerQueueModel, moodycamel::ConcurrentQueue<int>>(moodycamel_try);
  EXPECT_TRUE(per_producer.exploration.clean()) << per_producer;
  EXPECT_EQ(per_producer.histories_checked, kSchedules);
}

}  // namespace
}  // namespace interleave::testing
