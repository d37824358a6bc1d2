// compare_exchange_weak may fail although the values compare equal, as the
// standard allows: the fiber engine explores that failure (from the
// spurious-wakeup budget), so code that takes one weak CAS's failure as
// another task's success is a finding, and a retry loop stays clean.

#include <gtest/gtest.h>

#include "interleave/interleave.hpp"
#include "interleave/sync.hpp"

namespace interleave {
namespace {

ExploreResult explore_with(int spurious_budget, Strategy strategy, const std::function<void()>& body) {
  ExploreOptions options;
  options.schedules = 2000;
  options.spurious_wakeups = spurious_budget;
  options.strategy = strategy;
  options.environment_overrides = false;
  return explore(options, body);
}

// One task claims a free flag with a single weak CAS and, when it fails,
// believes another task holds it: nobody else ever does.
void claim_once_with_weak() {
  sync::atomic<bool> claimed{false};
  bool took = false;
  sync::thread claimer([&] {
    bool expected = false;
    took = claimed.compare_exchange_weak(expected, true);
  });
  claimer.join();
  check(took, "a single weak CAS on a free flag failed: it may fail spuriously; loop, or use strong");
}

// The same claim in the loop the standard asks for.
void claim_in_a_loop() {
  sync::atomic<bool> claimed{false};
  bool took = false;
  sync::thread claimer([&] {
    bool expected = false;
    while (!claimed.compare_exchange_weak(expected, true) && !expected) {
    }
    took = !expected;
  });
  claimer.join();
  check(took, "the loop ended without the claim");
}

TEST(SyncWeakCas, ASingleWeakCasTakenForAnothersClaimIsFound) {
  const ExploreResult result = explore_with(1, dfs(), claim_once_with_weak);
  EXPECT_EQ(result.verdict, Verdict::invariant) << result;
  EXPECT_NE(result.message.find("may fail spuriously"), std::string::npos) << result.message;
  bool shown = false;
  for (const TraceEvent& event : result.events) shown = shown || event.text == "compare_exchange_weak fails spuriously";
  EXPECT_TRUE(shown) << result;
}

TEST(SyncWeakCas, WithoutSpuriousFailuresTheSingleCasIsClean) {
  const ExploreResult result = explore_with(0, dfs(), claim_once_with_weak);
  EXPECT_TRUE(result.clean()) << result;
  EXPECT_TRUE(result.exhausted);
}

TEST(SyncWeakCas, ARetryLoopIsCleanOverEverySchedule) {
  const ExploreResult result = explore_with(1, dfs(), claim_in_a_loop);
  EXPECT_TRUE(result.clean()) << result;
  EXPECT_TRUE(result.exhausted);
}

TEST(SyncWeakCas, TheRandomWalkFindsItToo) {
  EXPECT_EQ(explore_with(1, random_walk(), claim_once_with_weak).verdict, Verdict::invariant);
}

TEST(SyncWeakCas, AFailedComparisonIsNoSpuriousFailure) {
  // The flag is already set: the weak CAS fails because the values differ,
  // and `expected` gets the current value, with or without the budget.
  const ExploreResult result = explore_with(1, dfs(), [] {
    sync::atomic<int> value{7};
    int expected = 3;
    check(!value.compare_exchange_weak(expected, 4) && expected == 7 && value.load() == 7,
          "a failed CAS must load the current value and write nothing");
  });
  EXPECT_TRUE(result.clean()) << result;
}

}  // namespace
}  // namespace interleave
