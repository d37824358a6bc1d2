// The sequential models that the linearizability verdicts rest on, checked
// against the real queues one operation at a time with rapidcheck's
// stateful testing (rc::state): if a model disagreed with a library when
// nothing runs concurrently, every lincheck verdict about that library
// would be meaningless. Each command runs on the real queue and on a
// std::deque, and the model must accept the output the library gave.

#include <concurrentqueue/concurrentqueue.h>
#include <gtest/gtest.h>
#include <oneapi/tbb/concurrent_queue.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>
#include <rapidcheck/state.h>

#include <deque>

#include "fixed_seed.hpp"
#include "lincheck/models.hpp"

namespace interleave::fuzz {
namespace {

using testing::QueueModel;
using testing::TryQueueModel;
using Contents = std::deque<int>;

// A queue under test, by what it offers: push, and a pop that does not
// wait (-1 when empty).
template <class Queue>
struct Sut {
  Queue queue;
  int try_pop() {
    int value = -1;
    if constexpr (requires { queue.try_dequeue(value); })
      return queue.try_dequeue(value) ? value : -1;
    else
      return queue.try_pop(value) ? value : -1;
  }
  void push(int value) {
    if constexpr (requires { queue.enqueue(value); })
      queue.enqueue(value);
    else
      queue.push(value);
  }
};

template <class Queue>
struct Push : rc::state::Command<Contents, Sut<Queue>> {
  int value = *rc::gen::inRange(0, 1000);
  void apply(Contents& contents) const override { contents.push_back(value); }
  void run(const Contents& contents, Sut<Queue>& sut) const override {
    sut.push(value);
    RC_ASSERT(QueueModel{}.step(contents, {true, value}, 0).has_value());
  }
  void show(std::ostream& out) const override { out << "push(" << value << ")"; }
};

template <class Queue>
struct TryPop : rc::state::Command<Contents, Sut<Queue>> {
  void apply(Contents& contents) const override {
    if (!contents.empty()) contents.pop_front();
  }
  void run(const Contents& contents, Sut<Queue>& sut) const override {
    const int output = sut.try_pop();
    const auto next = TryQueueModel{}.step(contents, {false, 0}, output);
    RC_ASSERT(next.has_value());  // the model accepts what the library gave
    Contents expected = contents;
    apply(expected);
    RC_ASSERT(*next == expected);
  }
  void show(std::ostream& out) const override { out << "try_pop()"; }
};

// A sequential run of pushes and pops against the model.
template <class Queue>
void check_against_model() {
  Sut<Queue> sut;
  rc::state::check(Contents{}, sut, rc::state::gen::execOneOfWithArgs<Push<Queue>, TryPop<Queue>>());
}

RC_GTEST_PROP(QueueModels, TbbConcurrentQueueFollowsTheFifoModel, ()) {
  check_against_model<tbb::concurrent_queue<int>>();
}

RC_GTEST_PROP(QueueModels, TbbConcurrentBoundedQueueFollowsTheFifoModel, ()) {
  check_against_model<tbb::concurrent_bounded_queue<int>>();
}

// One producer: moodycamel's FIFO-per-producer promise is plain FIFO.
RC_GTEST_PROP(QueueModels, MoodycamelQueueFollowsTheFifoModelWithOneProducer, ()) {
  check_against_model<moodycamel::ConcurrentQueue<int>>();
}

}  // namespace
}  // namespace interleave::fuzz

int main(int argc, char** argv) { return interleave::fuzz::run_properties(argc, argv, 100); }
