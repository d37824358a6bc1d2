// resource_pool: at most `size` holders of a pool at any moment. Document
// 003 (`LimitedResourcePool`: a semaphore of 3).

#include "scenarios/catalog.hpp"
#include "scenarios/support.hpp"

namespace interleave::scenarios {
namespace {

// Counts holders with an atomic the pool does not use, and checks the bound.
class HolderCount {
 public:
  explicit HolderCount(int limit) : limit_(limit) {}
  void enter() {
    int now_holding = holders_.fetch_add(1) + 1;
    check(now_holding <= limit_, [&] { return fmt::format("{} holders of a pool of {}", now_holding, limit_); });
  }
  void leave() { holders_.fetch_sub(1); }

 private:
  const int limit_;
  Atomic<int> holders_{0, "holders"};
};

void semaphore(const Params& params) {
  const int size = params.as_int("size");
  Semaphore pool(size, "pool");
  HolderCount holders(size);
  run_workers(params.as_int("workers"), [&](int) {
    for (int u = 0; u < params.as_int("uses"); ++u) {
      pool.acquire();
      holders.enter();
      yield_point();  // use the resource
      holders.leave();
      pool.release();
    }
  });
}

void check_then_increment(const Params& params) {
  const int size = params.as_int("size");
  Shared<int> in_use(0, "in_use");
  HolderCount holders(size);
  run_workers(params.as_int("workers"), [&](int) {
    for (int u = 0; u < params.as_int("uses"); ++u) {
      while (in_use.read() >= size) yield_point();  // wait for room...
      in_use.write(in_use.read() + 1);              // ...then take it: two steps, no lock
      holders.enter();
      yield_point();
      holders.leave();
      in_use.write(in_use.read() - 1);
    }
  });
}

// The two pools as objects with acquire() and release().
struct SemaphorePool {
  explicit SemaphorePool(int size) : permits(size, "pool") {}
  Semaphore permits;
  void acquire() { permits.acquire(); }
  void release() { permits.release(); }
};

struct CheckThenIncrementPool {
  explicit CheckThenIncrementPool(int size) : size(size) {}
  const int size;
  Shared<int> in_use{0, "in_use"};
  void acquire() {
    while (in_use.read() >= size) yield_point();
    in_use.write(in_use.read() + 1);
  }
  void release() { in_use.write(in_use.read() - 1); }
};

// A pool of 2: 2 or 3 tasks, each 1 or 2 uses (an acquire, then its release).
template <class Pool>
LincheckRunner lincheck_pool() {
  using Input = PoolModel::Input;
  const PoolModel model{.size = 2};
  auto as_scripts = [](const lincheck::TaskScripts<Input>& uses) {
    lincheck::TaskScripts<Input> scripts;
    for (const auto& task : uses) {
      scripts.emplace_back();
      for (std::size_t use = 0; use < task.size(); ++use) {
        scripts.back().push_back(Input{true});
        scripts.back().push_back(Input{false});
      }
    }
    return scripts;
  };
  return lincheck::runner(
      model, rc::gen::map(lincheck::task_scripts(rc::gen::just(Input{}), 2, 3, 2), as_scripts),
      [=] { return std::make_unique<Pool>(model.size); },
      [](Pool& pool, const Input& input) {
        if (input.acquire)
          pool.acquire();
        else
          pool.release();
        return 0;
      });
}

}  // namespace

Scenario resource_pool_scenario() {
  return {
      .name = "resource_pool",
      .summary = "at most `size` holders of a pool at any moment",
      .defaults = Params({{"workers", 5}, {"uses", 1}, {"size", 3}}),
      .variants =
          {
              variant("semaphore", {Verdict::clean},
                      "A counting semaphore of `size` permits: acquire blocks while all are out and release "
                      "hands one back, each in one indivisible step. Never more than `size` holders.",
                      semaphore),
              variant("check_then_increment", {Verdict::race, Verdict::invariant, Verdict::hang},
                      "A hand-made counter: wait while it is at the limit, then increment it. With 2 of 3 in "
                      "use, two workers both see room and both increment: 4 holders. The counter is read and "
                      "written by several workers without a lock, a data race too; on real threads a lost "
                      "decrement can also leave it stuck at the limit, and every worker spins forever (a hang). "
                      "Fix: a semaphore (`semaphore`), or test-and-increment under one lock.",
                      check_then_increment),
          },
      .bench = BenchSpec{{"workers"},
                         Params({{"uses", 5'000}, {"size", 2}}),
                         [](const Params& p) { return double(p["workers"] * p["uses"]); },
                         "uses"},
      .ranges = {{"workers", kTaskCount}},
      .lincheck =
          {
              lincheck_variant("semaphore", {Verdict::clean},
                               "acquire and release are the semaphore's own indivisible steps: never a third "
                               "holder of a pool of 2 in any history.",
                               lincheck_pool<SemaphorePool>()),
              lincheck_variant("check_then_increment", {Verdict::race, Verdict::not_linearizable, Verdict::hang},
                               "Two acquires both see one permit left and both take it: three acquires returned "
                               "with no release between, which a pool of 2 never allows. The counter is a data "
                               "race too, and a lost decrement can leave every acquire spinning (a hang). Fix: "
                               "a semaphore (`semaphore`).",
                               lincheck_pool<CheckThenIncrementPool>()),
          },
  };
}

}  // namespace interleave::scenarios
