// The linearizability checker on histories whose answer is known: the
// textbook register and queue cases, and operations that never returned.

#include "interleave/linearizability.hpp"

#include <gtest/gtest.h>

#include "models.hpp"

namespace interleave::testing {
namespace {

using linearizability::check;
using Register = linearizability::Operation<RegisterModel>;
using Queue = linearizability::Operation<QueueModel>;

Register write(int task, int value, std::int64_t called, std::int64_t returned) {
  return {task, {true, value}, 0, called, returned};
}
Register read(int task, int seen, std::int64_t called, std::int64_t returned) {
  return {task, {false, 0}, seen, called, returned};
}
Queue push(int task, int value, std::int64_t called, std::int64_t returned) {
  return {task, {true, value}, 0, called, returned};
}
Queue pop(int task, int took, std::int64_t called, std::int64_t returned) {
  return {task, {false, 0}, took, called, returned};
}
Queue pop_that_never_returned(int task, std::int64_t called) { return {task, {false, 0}, std::nullopt, called, 0}; }

TEST(Linearizability, AReadAfterAWriteThatReturnedSeesIt) {
  EXPECT_TRUE(check(RegisterModel{}, std::vector{write(0, 1, 0, 1), read(1, 1, 2, 3)}).linearizable);
  // The write returned before the read was called: reading the old value is not linearizable.
  EXPECT_FALSE(check(RegisterModel{}, std::vector{write(0, 1, 0, 1), read(1, 0, 2, 3)}).linearizable);
}

TEST(Linearizability, AReadOverlappingAWriteMaySeeEitherValue) {
  EXPECT_TRUE(check(RegisterModel{}, std::vector{write(0, 1, 0, 5), read(1, 0, 1, 2)}).linearizable);
  EXPECT_TRUE(check(RegisterModel{}, std::vector{write(0, 1, 0, 5), read(1, 1, 1, 2)}).linearizable);
  EXPECT_FALSE(check(RegisterModel{}, std::vector{write(0, 1, 0, 5), read(1, 2, 1, 2)}).linearizable);
}

TEST(Linearizability, TwoReadsMayNotSeeTheWriteThenUndoIt) {
  // Both reads overlap the write, but the first returned 1 before the
  // second was called, which then read 0: no order explains that.
  EXPECT_FALSE(
      check(RegisterModel{}, std::vector{write(0, 1, 0, 10), read(1, 1, 1, 2), read(2, 0, 3, 4)}).linearizable);
  EXPECT_TRUE(check(RegisterModel{}, std::vector{write(0, 1, 0, 10), read(1, 0, 1, 2), read(2, 1, 3, 4)}).linearizable);
}

TEST(Linearizability, AQueueGivesBackInTheOrderPushesReturned) {
  EXPECT_TRUE(check(QueueModel{}, std::vector{push(0, 1, 0, 1), push(0, 2, 2, 3), pop(1, 1, 4, 5), pop(1, 2, 6, 7)})
                  .linearizable);
  EXPECT_FALSE(check(QueueModel{}, std::vector{push(0, 1, 0, 1), push(0, 2, 2, 3), pop(1, 2, 4, 5), pop(1, 1, 6, 7)})
                   .linearizable);
  // Overlapping pushes may land in either order.
  EXPECT_TRUE(check(QueueModel{}, std::vector{push(0, 1, 0, 3), push(1, 2, 1, 2), pop(2, 2, 4, 5), pop(2, 1, 6, 7)})
                  .linearizable);
}

TEST(Linearizability, APopStillWaitingIsFineOnlyOnAnEmptyQueue) {
  EXPECT_TRUE(check(QueueModel{}, std::vector{pop_that_never_returned(1, 0)}).linearizable);
  EXPECT_TRUE(
      check(QueueModel{}, std::vector{push(0, 1, 0, 1), pop(1, 1, 2, 3), pop_that_never_returned(2, 4)}).linearizable);
  // A lost wakeup: the item is there and the pop still waits.
  EXPECT_FALSE(check(QueueModel{}, std::vector{push(0, 1, 0, 1), pop_that_never_returned(1, 2)}).linearizable);
  // ...unless another pop, overlapping, took it.
  EXPECT_TRUE(
      check(QueueModel{}, std::vector{push(0, 1, 0, 1), pop_that_never_returned(1, 2), pop(2, 1, 3, 4)}).linearizable);
}

TEST(Linearizability, TheOrderGivenIsOneTheModelAccepts) {
  const std::vector history{push(0, 1, 0, 3), push(1, 2, 1, 2), pop(2, 2, 4, 5), pop(2, 1, 6, 7)};
  const auto verdict = check(QueueModel{}, history);
  ASSERT_TRUE(verdict.linearizable);
  ASSERT_EQ(verdict.order.size(), history.size());
  QueueModel::State state = QueueModel{}.initial();
  for (std::size_t index : verdict.order) {
    auto next = QueueModel{}.step(state, history[index].input, *history[index].output);
    ASSERT_TRUE(next) << "operation " << index << " does not follow";
    state = *next;
  }
}

TEST(Linearizability, AnEmptyHistoryIsLinearizable) {
  EXPECT_TRUE(check(QueueModel{}, std::vector<Queue>{}).linearizable);
}

}  // namespace
}  // namespace interleave::testing
