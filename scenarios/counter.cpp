// counter: workers increment one shared count. Documents 002 (pitfall 1,
// `shared_counter += 1`) and 003 ("Mutex and Locks").

#include "scenarios/catalog.hpp"
#include "scenarios/support.hpp"

namespace interleave::scenarios {
namespace {

void expect_count(int count, int expected, const std::source_location& where = std::source_location::current()) {
  check(
      count == expected, [&] { return fmt::format("lost update: count is {}, expected {}", count, expected); }, where);
}

void locked(const Params& params) {
  const int workers = params.as_int("workers"), iterations = params.as_int("iterations");
  Mutex lock("counter.lock");
  Shared<int> count(0, "count");
  run_workers(workers, [&](int) {
    for (int i = 0; i < iterations; ++i) {
      ScopedLock guard(lock);
      count.write(count.read() + 1);
    }
  });
  expect_count(count.read(), workers * iterations);
}

void unsynchronized(const Params& params) {
  const int workers = params.as_int("workers"), iterations = params.as_int("iterations");
  Shared<int> count(0, "count");
  run_workers(workers, [&](int) {
    for (int i = 0; i < iterations; ++i) count.write(count.read() + 1);
  });
  expect_count(count.read(), workers * iterations);
}

void atomic_fetch_add(const Params& params) {
  const int workers = params.as_int("workers"), iterations = params.as_int("iterations");
  Atomic<int> count(0, "count");
  run_workers(workers, [&](int) {
    for (int i = 0; i < iterations; ++i) count.fetch_add(1);
  });
  expect_count(count.load(), workers * iterations);
}

void atomic_load_store(const Params& params) {
  const int workers = params.as_int("workers"), iterations = params.as_int("iterations");
  Atomic<int> count(0, "count");
  run_workers(workers, [&](int) {
    for (int i = 0; i < iterations; ++i) count.store(count.load() + 1);
  });
  expect_count(count.load(), workers * iterations);
}

void sharded(const Params& params) {
  const int workers = params.as_int("workers"), iterations = params.as_int("iterations");
  std::vector<std::unique_ptr<Shared<int>>> slots;
  for (int w = 0; w < workers; ++w) slots.push_back(std::make_unique<Shared<int>>(0, fmt::format("slot[{}]", w)));
  run_workers(workers, [&](int w) {
    for (int i = 0; i < iterations; ++i) slots[w]->write(slots[w]->read() + 1);
  });
  int total = 0;
  for (auto& slot : slots) total += slot->read();
  expect_count(total, workers * iterations);
}

// The counters as objects with increment() and read(), for lincheck: each
// variant's increment above, a read of the count beside it.
struct LockedCounter {
  Mutex lock{"counter.lock"};
  Shared<int> count{0, "count"};
  void increment() {
    ScopedLock guard(lock);
    count.write(count.read() + 1);
  }
  int read() {
    ScopedLock guard(lock);
    return count.read();
  }
};

struct UnsynchronizedCounter {
  Shared<int> count{0, "count"};
  void increment() { count.write(count.read() + 1); }
  int read() { return count.read(); }
};

struct FetchAddCounter {
  Atomic<int> count{0, "count"};
  void increment() { count.fetch_add(1); }
  int read() { return count.load(); }
};

struct LoadStoreCounter {
  Atomic<int> count{0, "count"};
  void increment() { count.store(count.load() + 1); }
  int read() { return count.load(); }
};

// 2 or 3 tasks of 1 to 3 increments and reads each.
template <class Counter>
LincheckRunner lincheck_counter() {
  using Input = CounterModel::Input;
  return lincheck::runner(
      CounterModel{}, lincheck::task_scripts(rc::gen::element(Input{true}, Input{false}), 2, 3, 3),
      [] { return std::make_unique<Counter>(); },
      [](Counter& counter, const Input& input) {
        if (!input.increment) return counter.read();
        counter.increment();
        return 0;
      });
}

}  // namespace

Scenario counter_scenario() {
  return {
      .name = "counter",
      .summary = "workers increment one shared count",
      .defaults = Params({{"workers", 2}, {"iterations", 3}}),
      .variants =
          {
              variant("locked", {Verdict::clean},
                      "Each increment reads and writes the count while holding one mutex, so no other worker can "
                      "slip in between the read and the write. This is the fix for `unsynchronized`.",
                      locked),
              variant("unsynchronized", {Verdict::race, Verdict::invariant},
                      "`count += 1` is a read and a write. Two workers both read 5, both write 6: one increment is "
                      "lost. Smallest interleaving: A reads, B reads, A writes, B writes. Fix: `locked`, or an "
                      "atomic read-modify-write (`atomic_fetch_add`).",
                      unsynchronized),
              variant("atomic_fetch_add", {Verdict::clean},
                      "fetch_add reads and writes in one indivisible step: the lock-free fix for `unsynchronized`.",
                      atomic_fetch_add),
              variant("atomic_load_store", {Verdict::invariant},
                      "Every access is atomic, so there is no data race and a sanitizer stays silent, yet an atomic "
                      "load followed by an atomic store is still two steps: A loads 5, B loads 5, both store 6. "
                      "Only the invariant catches it. Fix: one fetch_add (`atomic_fetch_add`).",
                      atomic_load_store),
              variant("sharded", {Verdict::clean},
                      "Each worker counts in a slot of its own and the slots are summed after join: nothing is "
                      "shared while the workers run, so nothing needs a lock. The fast correct design.",
                      sharded),
          },
      .bench = BenchSpec{{"workers"},
                         Params({{"iterations", 100'000}}),
                         [](const Params& p) { return double(p["workers"] * p["iterations"]); },
                         "increments"},
      .ranges = {{"workers", kTaskCount}},
      // sharded has none: its count exists only once the workers are joined,
      // and a read while they run is not an operation it offers.
      .lincheck =
          {
              lincheck_variant("locked", {Verdict::clean},
                               "Increments and reads under one mutex: every history is one a counter could give.",
                               lincheck_counter<LockedCounter>()),
              lincheck_variant("unsynchronized", {Verdict::race, Verdict::not_linearizable},
                               "The read and the write of `count += 1` are unordered with another task's: a data "
                               "race, and with the race detector off (--no-race-detection), two increments that "
                               "both returned and a later read that sees one. Fix: `locked`.",
                               lincheck_counter<UnsynchronizedCounter>()),
              lincheck_variant("atomic_fetch_add", {Verdict::clean},
                               "One indivisible fetch_add per increment: linearizable at that step.",
                               lincheck_counter<FetchAddCounter>()),
              lincheck_variant("atomic_load_store", {Verdict::not_linearizable},
                               "No data race, yet two increments that load the same value store the same value: a "
                               "read after both returned sees one increment. No sequential counter does that; only "
                               "the linearizability check (or an invariant) catches it. Fix: fetch_add.",
                               lincheck_counter<LoadStoreCounter>()),
          },
  };
}

}  // namespace interleave::scenarios
