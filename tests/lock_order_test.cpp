// The lock-order graph's refinements (a gate lock, a single task) and what
// an inversion leads to: a search that goes on for the real failure.

#include <gtest/gtest.h>

#include "detect/lock_order_graph.hpp"
#include "interleave/interleave.hpp"
#include "scenarios/catalog.hpp"

namespace interleave {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

bool any_line_contains(const std::vector<std::string>& lines, const std::string& part) {
  return std::any_of(lines.begin(), lines.end(), [&](const std::string& line) { return contains(line, part); });
}

// --- the graph alone ---

class Graph : public ::testing::Test {
 protected:
  // `task` takes `locks` in order, then releases them; true when a cycle closed.
  bool take(int task, std::initializer_list<const detail::ObjectName*> locks) {
    bool closed = false;
    for (const detail::ObjectName* lock : locks) closed = graph_.on_acquire(task, lock, *lock, {}) || closed;
    for (const detail::ObjectName* lock : locks) graph_.on_release(task, lock);
    return closed;
  }

  detect::LockOrderGraph graph_;
  const detail::ObjectName gate_{"gate"}, a_{"a"}, b_{"b"}, c_{"c"};
};

TEST_F(Graph, TwoTasksInOppositeOrdersCloseACycle) {
  EXPECT_FALSE(take(1, {&a_, &b_}));
  EXPECT_TRUE(take(2, {&b_, &a_}));
  ASSERT_EQ(graph_.cycle().size(), 2u);
  EXPECT_NE(graph_.cycle()[0].task, graph_.cycle()[1].task) << "each step of the cycle is another task's";
}

TEST_F(Graph, AGateLockHeldAcrossBothOrdersClosesNone) {
  EXPECT_FALSE(take(1, {&gate_, &a_, &b_}));
  EXPECT_FALSE(take(2, {&gate_, &b_, &a_}));
  EXPECT_TRUE(graph_.cycle().empty());
}

TEST_F(Graph, AGateLockOnOneSideOnlyIsNoGate) {
  EXPECT_FALSE(take(1, {&gate_, &a_, &b_}));
  EXPECT_TRUE(take(2, {&b_, &a_}));
}

TEST_F(Graph, OneTaskInBothOrdersClosesNone) {
  EXPECT_FALSE(take(1, {&a_, &b_}));
  EXPECT_FALSE(take(1, {&b_, &a_}));
  EXPECT_TRUE(graph_.cycle().empty());
}

TEST_F(Graph, ASecondTaskJoiningOneTasksOrdersClosesTheCycleWithBoth) {
  EXPECT_FALSE(take(1, {&a_, &b_}));
  EXPECT_FALSE(take(1, {&b_, &a_}));
  EXPECT_TRUE(take(2, {&b_, &a_}));
  ASSERT_EQ(graph_.cycle().size(), 2u);
  EXPECT_NE(graph_.cycle()[0].task, graph_.cycle()[1].task);
}

TEST_F(Graph, ThreeTasksAroundThreeLocks) {
  EXPECT_FALSE(take(1, {&a_, &b_}));
  EXPECT_FALSE(take(2, {&b_, &c_}));
  EXPECT_TRUE(take(3, {&c_, &a_}));
  EXPECT_EQ(graph_.cycle().size(), 3u);
}

TEST_F(Graph, ARequestThatWaitsCountsBeforeItIsGranted) {
  graph_.on_acquired(1, &a_, a_, {});
  EXPECT_FALSE(graph_.on_request(1, &b_, b_, {}));  // 1 holds a, waits for b
  graph_.on_acquired(2, &b_, b_, {});
  EXPECT_TRUE(graph_.on_request(2, &a_, a_, {}));  // 2 holds b, waits for a: neither gets its lock
}

// --- in the fiber engine ---

ExploreResult explore_fiber(const std::function<void()>& body, std::uint64_t schedules = 10'000) {
  ExploreOptions options;
  options.schedules = schedules;
  return explore(options, body);
}

// Two tasks take alpha and beta in opposite orders, each holding `gate`
// around both when `gated`, one after the other when `one_at_a_time`.
std::function<void()> opposite_orders(bool gated, bool one_at_a_time) {
  return [=] {
    Mutex gate("gate"), a("alpha"), b("beta");
    auto take = [&](Mutex& first, Mutex& second) {
      if (gated) gate.lock();
      first.lock();
      yield_point();
      second.lock();
      if (gated) gate.unlock();
      second.unlock();
      first.unlock();
    };
    auto forward = spawn([&] { take(a, b); }, "forward");
    if (one_at_a_time) forward.join();
    auto backward = spawn([&] { take(b, a); }, "backward");
    backward.join();
    if (!one_at_a_time) forward.join();
  };
}

TEST(LockOrder, OppositeOrdersUnderAGateLockAreClean) {
  auto result = explore_fiber(opposite_orders(/*gated=*/true, /*one_at_a_time=*/false));
  EXPECT_TRUE(result.clean()) << result;
  EXPECT_EQ(result.schedules, 10'000u);
}

TEST(LockOrder, OppositeOrdersWithoutTheGateDeadlockWithTheInversionInTheDetails) {
  auto result = explore_fiber(opposite_orders(/*gated=*/false, /*one_at_a_time=*/false));
  ASSERT_EQ(result.verdict, Verdict::deadlock) << result;
  EXPECT_TRUE(contains(result.message, "wait-for cycle")) << result.message;
  EXPECT_TRUE(any_line_contains(result.details, "lock order inversion: forward holds mutex 'alpha'")) << result;
  EXPECT_TRUE(any_line_contains(result.details, "lock order inversion: backward holds mutex 'beta'")) << result;
}

TEST(LockOrder, OneTaskTakingBothOrdersIsClean) {
  auto result = explore_fiber([] {
    Mutex a("alpha"), b("beta");
    auto only = spawn([&] {
      {
        ScopedLock hold_a(a);
        ScopedLock hold_b(b);
      }
      ScopedLock hold_b(b);
      ScopedLock hold_a(a);
    });
    only.join();
  });
  EXPECT_TRUE(result.clean()) << result;
}

TEST(LockOrder, OrdersThatCannotMeetAreAnInversionNamingBothTasksAndBothSites) {
  auto result = explore_fiber(opposite_orders(/*gated=*/false, /*one_at_a_time=*/true), 500);
  ASSERT_EQ(result.verdict, Verdict::lock_order_inversion) << result;
  EXPECT_EQ(result.schedules, 500u) << "an inversion alone does not stop the search";
  for (const char* part : {"forward holds mutex 'alpha' (locked at lock_order_test.cpp:",
                           ") and asks for mutex 'beta' at lock_order_test.cpp:",
                           "backward holds mutex 'beta' (locked at lock_order_test.cpp:"})
    EXPECT_TRUE(contains(result.message, part)) << part << "\n" << result.message;
}

TEST(LockOrder, ACycleOneTaskStartedIsReportedWithTheTaskThatClosedIt) {
  // a1 takes both orders itself, then b1 takes one of them: the cycle is
  // a1's alpha -> beta and b1's beta -> alpha, not a1's two orders.
  auto result = explore_fiber(
      [] {
        Mutex a("alpha"), b("beta");
        auto both_ways = [&](Mutex& first, Mutex& second) {
          ScopedLock hold_first(first);
          ScopedLock hold_second(second);
        };
        auto a1 = spawn(
            [&] {
              both_ways(a, b);
              both_ways(b, a);
            },
            "a1");
        a1.join();
        auto b1 = spawn([&] { both_ways(b, a); }, "b1");
        b1.join();
      },
      100);
  ASSERT_EQ(result.verdict, Verdict::lock_order_inversion) << result;
  EXPECT_TRUE(contains(result.message, "a1 holds mutex 'alpha'")) << result.message;
  EXPECT_TRUE(contains(result.message, "b1 holds mutex 'beta'")) << result.message;
  EXPECT_FALSE(contains(result.message, "a1 holds mutex 'beta'")) << result.message;
}

TEST(LockOrder, ATryLockInTheOtherOrderNeverWaitsSoIsClean) {
  auto result = explore_fiber([] {
    Mutex a("alpha"), b("beta");
    auto trying = spawn([&] {
      ScopedLock hold_a(a);
      if (b.try_lock()) b.unlock();
    });
    auto blocking = spawn([&] {
      ScopedLock hold_b(b);
      ScopedLock hold_a(a);
    });
    trying.join();
    blocking.join();
  });
  EXPECT_TRUE(result.clean()) << result;
}

TEST(LockOrder, AFailedCheckFoundAfterAnInversionIsTheVerdictAndListsTheInversion) {
  // Main takes the opposite orders (never at once: no deadlock) when it
  // reads the flag before the writer sets it, and fails its check when it
  // reads it after. dfs runs the first case first, so the inversion is
  // seen in a schedule that fails nothing, and the failure in another.
  ExploreOptions options;
  options.strategy = dfs();
  auto result = explore(options, [] {
    Atomic<int> flag(0, "flag");
    auto writer = spawn([&] { flag.store(1); }, "writer");
    if (flag.load() == 0)
      opposite_orders(false, true)();
    else
      check(false, "the writer ran first");
    writer.join();
  });
  ASSERT_EQ(result.verdict, Verdict::invariant) << result;
  EXPECT_TRUE(any_line_contains(result.details, "lock order inversion: forward holds mutex 'alpha'")) << result;
  EXPECT_TRUE(any_line_contains(result.details, "lock order inversion: backward holds mutex 'beta'")) << result;
}

TEST(LockOrder, TurnedOffAnInversionIsNotReported) {
  ExploreOptions options;
  options.schedules = 200;
  options.detect_lock_order = false;
  EXPECT_TRUE(explore(options, opposite_orders(false, true)).clean());
}

// --- the catalog ---

const Variant& catalog_variant(const Scenario& scenario, const std::string& name) {
  for (const auto& variant : scenario.variants)
    if (variant.name == name) return variant;
  throw std::out_of_range(name);
}

class CatalogInversion : public ::testing::TestWithParam<std::pair<const char*, const char*>> {};

TEST_P(CatalogInversion, IsReportedAsTheDeadlockItLeadsTo) {
  const auto& [scenario_name, variant_name] = GetParam();
  for (const Scenario& scenario : scenarios::catalog()) {
    if (scenario.name != scenario_name) continue;
    const Variant& variant = catalog_variant(scenario, variant_name);
    auto result = explore_fiber([&] { variant.body(scenario.defaults); });
    ASSERT_EQ(result.verdict, Verdict::deadlock) << result;
    EXPECT_TRUE(contains(result.message, "wait-for cycle")) << result.message;
    EXPECT_TRUE(any_line_contains(result.details, "lock order inversion: ")) << result;
    return;
  }
  FAIL() << "no scenario " << scenario_name;
}

INSTANTIATE_TEST_SUITE_P(Catalog, CatalogInversion,
                         ::testing::Values(std::pair{"bank_account", "transfer_lock_order"},
                                           std::pair{"dining_philosophers", "naive"}));

TEST(CatalogWaiter, StaysCleanWhereNaiveDeadlocks) {
  for (const Scenario& scenario : scenarios::catalog()) {
    if (scenario.name != "dining_philosophers") continue;
    const Variant& waiter = catalog_variant(scenario, "waiter");
    for (Strategy strategy : {random_walk(), pct(3), portfolio()}) {
      ExploreOptions options;
      options.strategy = strategy;
      options.schedules = 20'000;
      auto result = explore(options, [&] { waiter.body(scenario.defaults); });
      EXPECT_TRUE(result.clean()) << to_string(strategy) << ": " << result;
    }
  }
}

}  // namespace
}  // namespace interleave
