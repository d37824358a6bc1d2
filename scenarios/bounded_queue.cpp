// bounded_queue: producers and consumers around a queue of fixed capacity.
// Document 000 (`TaskQueue`): `while` loops around the waits, separate
// `not_full` and `not_empty` conditions, and a close() that wakes everyone.

#include <deque>
#include <map>
#include <optional>

#include "scenarios/catalog.hpp"
#include "scenarios/support.hpp"

namespace interleave::scenarios {
namespace {

enum class Flaw { none, if_not_while, close_without_notify, single_condvar_notify_one, unlocked_size_check };

class BoundedQueue {
 public:
  BoundedQueue(int capacity, Flaw flaw)
      : capacity_(capacity),
        flaw_(flaw),
        not_full_storage_("not_full"),
        not_empty_storage_("not_empty"),
        not_full_(flaw == Flaw::single_condvar_notify_one ? not_empty_storage_ : not_full_storage_),
        not_empty_(not_empty_storage_) {}

  void put(int item) {
    if (flaw_ == Flaw::unlocked_size_check) {
      while (size_.read() >= capacity_) yield_point();  // tested outside the lock...
      ScopedLock hold(lock_);                           // ...and not again inside it
      push(item);
      not_empty_.notify_one();
      return;
    }
    ScopedLock hold(lock_);
    wait_while(hold, not_full_, [&] { return size_.read() >= capacity_; });
    push(item);
    not_empty_.notify_one();
  }

  // nullopt once the queue is closed and drained.
  std::optional<int> get() {
    ScopedLock hold(lock_);
    wait_while(hold, not_empty_, [&] { return size_.read() == 0 && !closed_.read(); });
    const int size = size_.read();
    if (size == 0 && closed_.read()) return std::nullopt;
    check(size > 0, "get() took from an empty queue: it was woken, but the item was already gone");
    int item = items_.front();
    items_.pop_front();
    size_.write(size - 1);
    not_full_.notify_one();
    return item;
  }

  void close() {
    ScopedLock hold(lock_);
    closed_.write(true);
    if (flaw_ == Flaw::close_without_notify) return;  // the consumers asleep in get() never hear of it
    not_empty_.notify_all();
    not_full_.notify_all();
  }

 private:
  template <class Blocked>
  void wait_while(ScopedLock& hold, CondVar& condition, Blocked blocked) {
    if (flaw_ == Flaw::if_not_while) {
      if (blocked()) condition.wait(hold);  // one look: whatever woke us, we go on
      return;
    }
    while (blocked()) condition.wait(hold);
  }

  void push(int item) {
    items_.push_back(item);
    size_.write(size_.read() + 1);
    check(size_.read() <= capacity_,
          [&] { return fmt::format("capacity exceeded: {} items in a queue of {}", size_.read(), capacity_); });
  }

  const int capacity_;
  const Flaw flaw_;
  Mutex lock_{"queue.lock"};
  CondVar not_full_storage_;
  CondVar not_empty_storage_;
  CondVar& not_full_;  // with a single condition variable, both name the same one
  CondVar& not_empty_;
  std::deque<int> items_;
  Shared<int> size_{0, "size"};
  Shared<bool> closed_{false, "closed"};
};

// Producers put `items` each; consumers take until the queue is closed and
// empty; main closes it once every producer is done. Every item must be
// consumed exactly once.
void produce_and_consume(const Params& params, Flaw flaw) {
  const int producers = params.as_int("producers"), consumers = params.as_int("consumers");
  const int items = params.as_int("items");
  BoundedQueue queue(params.as_int("capacity"), flaw);
  std::vector<std::vector<int>> consumed(static_cast<std::size_t>(consumers));
  std::vector<Task> consumer_tasks;
  for (int c = 0; c < consumers; ++c)
    consumer_tasks.push_back(spawn(
        [&, c] {
          while (auto item = queue.get()) consumed[c].push_back(*item);
        },
        fmt::format("consumer{}", c)));
  run_workers(producers, [&](int p) {
    for (int i = 0; i < items; ++i) queue.put(p * 1000 + i);
  });
  queue.close();
  for (auto& task : consumer_tasks) task.join();
  std::map<int, int> seen;
  for (const auto& list : consumed)
    for (int item : list) ++seen[item];
  for (int p = 0; p < producers; ++p)
    for (int i = 0; i < items; ++i)
      check(seen[p * 1000 + i] == 1,
            [&] { return fmt::format("item {} consumed {} times", p * 1000 + i, seen[p * 1000 + i]); });
}

// The queue as a whole, against a FIFO of capacity 1: 2 or 3 tasks of 1 to
// 3 puts, gets and closes each.
LincheckRunner lincheck_queue(Flaw flaw) {
  using Input = BoundedQueueModel::Input;
  using Kind = BoundedQueueModel::Kind;
  const BoundedQueueModel model{.capacity = 1};
  const auto operation = rc::gen::weightedElement<Input>(
      {{2, Input{Kind::put, 1}}, {2, Input{Kind::put, 2}}, {4, Input{Kind::get}}, {1, Input{Kind::close}}});
  return lincheck::runner(
      model, lincheck::task_scripts(operation, 2, 3, 3),
      [=] { return std::make_unique<BoundedQueue>(model.capacity, flaw); },
      [](BoundedQueue& queue, const Input& input) -> std::optional<int> {
        if (input.kind == Kind::get) return queue.get();
        if (input.kind == Kind::put)
          queue.put(input.value);
        else
          queue.close();
        return std::nullopt;
      });
}

}  // namespace

Scenario bounded_queue_scenario() {
  auto with = [](Flaw flaw) { return [flaw](const Params& params) { produce_and_consume(params, flaw); }; };
  return {
      .name = "bounded_queue",
      .summary = "producers and consumers around a queue of fixed capacity",
      .defaults = Params({{"producers", 2}, {"consumers", 2}, {"items", 2}, {"capacity", 1}}),
      .variants =
          {
              variant("correct", {Verdict::clean},
                      "Every wait sits in a `while` loop that re-checks its condition under the lock, producers "
                      "wait on `not_full` and consumers on `not_empty`, and close() wakes everyone with "
                      "notify_all. Nothing is lost, nothing is taken twice, nobody sleeps forever.",
                      with(Flaw::none)),
              variant("if_not_while", {Verdict::invariant},
                      "get() waits with `if`, not `while`. Consumer A waits on an empty queue; a producer puts an "
                      "item and notifies; before A runs again consumer B takes the item (or A wakes spuriously); "
                      "A resumes without looking again and takes from an empty queue. Fix: `while (empty) wait` "
                      "(`correct`).",
                      with(Flaw::if_not_while)),
              variant("close_without_notify", {Verdict::deadlock, Verdict::hang},
                      "close() sets the flag but notifies nobody. A consumer that went to sleep in get() before "
                      "the close sleeps through it, and main waits for that consumer forever. Fix: close() calls "
                      "notify_all on both conditions (`correct`).",
                      with(Flaw::close_without_notify)),
              variant("single_condvar_notify_one", {Verdict::deadlock},
                      "Producers and consumers share one condition variable and wake each other with notify_one. "
                      "A producer's notify, meant for a consumer, can wake the other producer, which finds the queue "
                      "full and waits again; the one wakeup is spent, and soon every task waits for a notify that "
                      "nobody is left to send. Fix: one condition per predicate (`correct`), or notify_all.",
                      with(Flaw::single_condvar_notify_one)),
              variant("unlocked_size_check", {Verdict::race, Verdict::invariant},
                      "put() tests the size outside the lock, then takes the lock and pushes without testing "
                      "again. Two producers both see room for one item and both push: capacity exceeded, and "
                      "the size is read with no lock against writes under it, a data race. Fix: test under the "
                      "lock, in a `while` (`correct`).",
                      with(Flaw::unlocked_size_check)),
          },
      .lesson_sizes = Params({{"producers", 1}, {"consumers", 1}, {"items", 1}}),
      .bench = BenchSpec{{"producers", "consumers"},
                         Params({{"items", 1'000}, {"capacity", 16}}),
                         [](const Params& p) { return double(p["producers"] * p["items"]); },
                         "items"},
      .ranges = {{"producers", kTaskCount}, {"consumers", kTaskCount}},
      .lincheck =
          {
              lincheck_variant("correct", {Verdict::clean},
                               "Every history of puts, gets and closes is one a FIFO queue of capacity 1 could "
                               "give: each operation takes effect at one moment between its call and its return.",
                               lincheck_queue(Flaw::none)),
              lincheck_variant("if_not_while", {Verdict::invariant, Verdict::not_linearizable},
                               "A get woken with its item already taken goes on and takes from an empty queue; "
                               "its check fails before the history is even complete. Fix: `while` (`correct`).",
                               lincheck_queue(Flaw::if_not_while)),
              lincheck_variant("close_without_notify", {Verdict::not_linearizable},
                               "A get waits on an empty queue; another task closes it. A FIFO queue would give "
                               "that get `closed`, but nobody wakes it: it never returns, which no order of the "
                               "operations explains. Fix: close() notifies all (`correct`).",
                               lincheck_queue(Flaw::close_without_notify)),
              lincheck_variant("single_condvar_notify_one", {Verdict::not_linearizable},
                               "One condition variable for both waits: a put's notify_one wakes another waiting "
                               "put instead of the waiting get, and an operation the model would let return waits "
                               "forever. Fix: one condition per predicate (`correct`).",
                               lincheck_queue(Flaw::single_condvar_notify_one)),
              lincheck_variant("unlocked_size_check",
                               {Verdict::race, Verdict::invariant, Verdict::not_linearizable, Verdict::hang},
                               "Two puts both see room outside the lock and both push into a queue of 1: a data "
                               "race on the size, then capacity exceeded. (A put that finds the queue full spins "
                               "instead of waiting: with no get to come, a hang.) Fix: test under the lock, in a "
                               "`while` (`correct`).",
                               lincheck_queue(Flaw::unlocked_size_check)),
          },
  };
}

}  // namespace interleave::scenarios
