// Boost.Fiber's buffered_channel, unchanged, checked as a FIFO queue.
//
// On the threads engine each task is a thread, so the channel's blocking
// push and pop run truly concurrently (a pop that finds the channel empty
// suspends the thread's main fiber until another thread's push wakes it):
// the real test. On the fiber engine the tasks are fibers of one thread and
// interleave switches them only at its own scheduling points, between
// operations; the channel is used through try_push/try_pop there, since an
// operation that blocked inside Boost would suspend a fiber behind the
// engine's back. The same checks, the expectations these runs established.

#include <gtest/gtest.h>

#include <boost/fiber/buffered_channel.hpp>
#include <memory>

#include "interleave/lincheck.hpp"
#include "models.hpp"
#include "producer_consumer_scripts.hpp"

namespace interleave::testing {
namespace {

using Channel = boost::fibers::buffered_channel<int>;
constexpr std::size_t kCapacity = 16;  // a power of two, more than every push of a run
constexpr std::uint64_t kSchedules = 300;

template <class Model, class Apply>
lincheck::Result<Model> check_channel(EngineKind engine, Apply apply) {
  ExploreOptions options;
  options.engine = engine;
  options.schedules = kSchedules;
  return lincheck::check(
      options, Model{}, producers_and_consumers<Model>(), [] { return std::make_unique<Channel>(kCapacity); }, apply);
}

TEST(BoostFiberChannel, BlockingPushAndPopAcrossThreadsAreALinearizableFifo) {
  const auto result = check_channel<QueueModel>(EngineKind::threads, [](Channel& channel, const auto& input) {
    if (input.push) {
      EXPECT_EQ(channel.push(input.value), boost::fibers::channel_op_status::success);
      return 0;
    }
    int value = -1;
    EXPECT_EQ(channel.pop(value), boost::fibers::channel_op_status::success);
    return value;
  });
  EXPECT_TRUE(result.exploration.clean()) << result;
  EXPECT_EQ(result.histories_checked, kSchedules);
}

TEST(BoostFiberChannel, TryPushAndTryPopBetweenFibersAreALinearizableFifo) {
  const auto result = check_channel<TryQueueModel>(EngineKind::fiber, [](Channel& channel, const auto& input) {
    if (input.push) {
      EXPECT_EQ(channel.try_push(input.value), boost::fibers::channel_op_status::success);
      return 0;
    }
    int value = -1;
    return channel.try_pop(value) == boost::fibers::channel_op_status::success ? value : -1;
  });
  EXPECT_TRUE(result.exploration.clean()) << result;
  EXPECT_EQ(result.histories_checked, kSchedules);
}

// The checker is not blind here: a wrapper that hands out a value no push
// gave is caught.
TEST(BoostFiberChannel, AWrongModelIsCaught) {
  const auto result = check_channel<TryQueueModel>(EngineKind::fiber, [](Channel& channel, const auto& input) {
    if (input.push) {
      channel.try_push(input.value);
      return 0;
    }
    int value = -1;
    if (channel.try_pop(value) != boost::fibers::channel_op_status::success) return -1;
    return value + 1;  // a value that was never pushed
  });
  EXPECT_EQ(result.exploration.verdict, Verdict::not_linearizable) << result;
}

}  // namespace
}  // namespace interleave::testing
