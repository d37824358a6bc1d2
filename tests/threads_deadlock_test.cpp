// The threads engine's deadlock and hang verdicts come from the state of
// what each task waits for, not from how long it has waited.

#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <vector>

#include "catalog_cases.hpp"
#include "detect/capped_list.hpp"
#include "interleave/interleave.hpp"
#include "under_sanitizer.hpp"

namespace interleave {
namespace {

ExploreOptions threads_options(std::uint64_t schedules) {
  ExploreOptions options;
  options.engine = EngineKind::threads;
  options.schedules = schedules;
  options.hang_timeout = std::chrono::milliseconds(2'000);
  return options;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const Variant& catalog_variant(const std::string& scenario_name, const std::string& variant_name) {
  for (const auto& scenario : scenarios::catalog())
    if (scenario.name == scenario_name)
      for (const auto& variant : scenario.variants)
        if (variant.name == variant_name) return variant;
  throw std::out_of_range(scenario_name + "/" + variant_name);
}

const Params& catalog_defaults(const std::string& scenario_name) {
  for (const auto& scenario : scenarios::catalog())
    if (scenario.name == scenario_name) return scenario.defaults;
  throw std::out_of_range(scenario_name);
}

struct CatalogDeadlock {
  std::string scenario, variant;
  bool lock_order;  // ThreadSanitizer reports the locks' order itself
};

void PrintTo(const CatalogDeadlock& param, std::ostream* out) { *out << param.scenario << "/" << param.variant; }

class ThreadsCatalogDeadlock : public ::testing::TestWithParam<CatalogDeadlock> {};

TEST_P(ThreadsCatalogDeadlock, IsFoundAsADeadlock) {
  const auto& [scenario, name, lock_order] = GetParam();
#ifdef INTERLEAVE_UNDER_TSAN
  if (lock_order) GTEST_SKIP() << "ThreadSanitizer reports this lock order itself";
#endif
  const Variant& variant = catalog_variant(scenario, name);
  const Params& defaults = catalog_defaults(scenario);
  auto result = explore(threads_options(5'000), [&] { variant.body(defaults); });
  ASSERT_EQ(result.verdict, Verdict::deadlock) << result;
  EXPECT_TRUE(contains(result.message, "waits for")) << result.message;
}

INSTANTIATE_TEST_SUITE_P(Catalog, ThreadsCatalogDeadlock,
                         ::testing::Values(CatalogDeadlock{"bank_account", "transfer_lock_order", true},
                                           CatalogDeadlock{"dining_philosophers", "naive", true},
                                           CatalogDeadlock{"bounded_queue", "single_condvar_notify_one", false},
                                           CatalogDeadlock{"poison_pill", "too_few_pills", false}),
                         [](const auto& info) { return info.param.scenario + "_" + info.param.variant; });

// The notified waiter cannot take its mutex back, since main holds it while
// it joins the waiter: a deadlock, found although the waiter was woken.
TEST(ThreadsDeadlock, ARelockThatWaitsForAJoiningHolderIsADeadlock) {
  auto result = explore(threads_options(1), [] {
    Mutex lock("lock");
    CondVar ready("ready");
    Atomic<bool> waiting(false, "waiting");
    auto waiter = spawn(
        [&] {
          ScopedLock guard(lock);
          waiting.store(true);
          ready.wait(guard);
        },
        "waiter");
    while (!waiting.load()) yield_point();
    ScopedLock guard(lock);  // taken only once the waiter waits
    ready.notify_one();
    waiter.join();
  });
  ASSERT_EQ(result.verdict, Verdict::deadlock) << result;
  EXPECT_TRUE(contains(result.message, "waiter waits for mutex 'lock' held by main")) << result.message;
}

TEST(ThreadsDeadlock, ASemaphoreNobodyReleasesIsADeadlock) {
  auto result = explore(threads_options(1), [] {
    Semaphore empty(0, "empty");
    auto taker = spawn([&] { empty.acquire(); }, "taker");
    taker.join();
  });
  ASSERT_EQ(result.verdict, Verdict::deadlock) << result;
  EXPECT_TRUE(contains(result.message, "taker waits for semaphore 'empty'")) << result.message;
}

// A semaphore released while its waiter sleeps lets the waiter go, however
// long it takes to run again.
TEST(ThreadsDeadlock, ASemaphoreHandedOnIsClean) {
  auto result = explore(threads_options(200), [] {
    Semaphore baton(0, "baton");
    std::vector<Task> runners;
    for (int i = 0; i < 4; ++i)
      runners.push_back(spawn([&] {
        baton.acquire();
        baton.release();
      }));
    baton.release();
    for (auto& runner : runners) runner.join();
  });
  EXPECT_TRUE(result.clean()) << result;
}

TEST(ThreadsDeadlock, ADeadlockOfManyTasksNamesAFew) {
  constexpr int kWaiters = 30;
  auto result = explore(threads_options(1), [] {
    Mutex lock("lock");
    CondVar never("never");
    Atomic<int> waiting(0, "waiting");
    std::vector<Task> waiters;
    for (int i = 0; i < kWaiters; ++i)
      waiters.push_back(spawn([&] {
        ScopedLock guard(lock);
        waiting.fetch_add(1);
        never.wait(guard);
      }));
    for (auto& waiter : waiters) waiter.join();
  });
  ASSERT_EQ(result.verdict, Verdict::deadlock) << result;
  EXPECT_TRUE(contains(result.message, "; and 25 more")) << result.message;
  ASSERT_EQ(result.details.size(), detect::kListedInDetails + 1) << result;
  EXPECT_EQ(result.details.back(), "... and 11 more");  // 31 lines: main's join and the 30 waits
}

TEST(ThreadsDeadlock, AHangOfManyTasksNamesAFew) {
  ExploreOptions options = threads_options(1);
  options.hang_timeout = std::chrono::milliseconds(200);
  auto result = explore(options, [] {
    Mutex lock("lock");
    CondVar never("never");
    std::vector<Task> sleepers;
    for (int i = 0; i < 9; ++i)
      sleepers.push_back(spawn([&] {
        ScopedLock guard(lock);
        never.wait_for(guard, std::chrono::hours(1));
      }));
  });
  ASSERT_EQ(result.verdict, Verdict::hang) << result;
  EXPECT_TRUE(contains(result.message, ", and 5 more")) << result.message;  // main and 9 sleepers
}

}  // namespace
}  // namespace interleave
