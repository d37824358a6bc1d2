#include <gtest/gtest.h>

#include "hard_programs/hard_programs.hpp"
#include "interleave/interleave.hpp"
#include "scenarios/catalog.hpp"

namespace interleave {
namespace {

// Three workers doing a lost-update dance among unrelated work: the random
// walk finds it with many preemptions; one preemption is all it needs.
void noisy_atomicity_violation() {
  Atomic<int> count(0, "count");
  Atomic<int> noise(0, "noise");
  std::vector<Task> tasks;
  for (int w = 0; w < 3; ++w)
    tasks.push_back(spawn([&] {
      for (int i = 0; i < 4; ++i) noise.fetch_add(1);
      count.store(count.load() + 1);
      for (int i = 0; i < 4; ++i) noise.fetch_add(1);
    }));
  for (auto& task : tasks) task.join();
  check(count.load() == 3, "lost update");
}

TEST(Shrink, FindsTheOnePreemptionTheBugNeeds) {
  ExploreOptions options;
  options.strategy = random_walk();
  options.seed = 5;
  auto result = explore(options, noisy_atomicity_violation);
  ASSERT_EQ(result.verdict, Verdict::invariant) << result;
  EXPECT_GT(result.preemptions_found, 1) << "the random walk preempts a lot";
  EXPECT_EQ(result.preemptions, 1) << "a lost update needs exactly one preemption";
  EXPECT_FALSE(result.events.empty());
  EXPECT_EQ(result.events.back().text, "check fails: lost update");
}

TEST(Shrink, CanBeTurnedOff) {
  ExploreOptions options;
  options.strategy = random_walk();
  options.seed = 5;
  options.shrink = false;
  auto result = explore(options, noisy_atomicity_violation);
  ASSERT_EQ(result.verdict, Verdict::invariant);
  EXPECT_EQ(result.preemptions, result.preemptions_found);
}

// Seven workers: the random walk's find has dozens of preemptions; dropping
// them one at a time, each keyed where its task was, leaves the one needed.
TEST(Shrink, SevenWorkersShrinkToTheOnePreemption) {
  const Scenario counter = scenarios::counter_scenario();
  const Params params({{"workers", 7}, {"iterations", 3}});
  const Variant* variant = nullptr;
  for (const auto& v : counter.variants)
    if (v.name == "atomic_load_store") variant = &v;
  ASSERT_NE(variant, nullptr);
  ExploreOptions options;
  options.strategy = random_walk();
  auto result = explore(options, [&] { variant->body(params); });
  ASSERT_EQ(result.verdict, Verdict::invariant) << result;
  EXPECT_GT(result.preemptions_found, 10);
  EXPECT_EQ(result.preemptions, 1);
}

// The shape: seven threads competing for a lock used wrongly.
TEST(Shrink, SevenThreadsOnAWronglyUsedLockShrinkToOnePreemption) {
  for (Strategy strategy : {random_walk(), portfolio()}) {
    ExploreOptions options;
    options.strategy = strategy;
    auto result = explore(options, hard_programs::named("split_critical_section").broken);
    ASSERT_EQ(result.verdict, Verdict::invariant) << result;
    EXPECT_EQ(result.preemptions, 1) << to_string(strategy) << " found it with " << result.preemptions_found;
    EXPECT_GT(result.preemptions_found, 1) << to_string(strategy) << ": nothing to shrink";
  }
}

// Programs of up to ten tasks whose fewest preemptions is one or two: the
// printed schedule has that number, whatever the random walk found first.
TEST(Shrink, ReachesTheFewestPreemptionsOfTheHardPrograms) {
  for (const char* name : {"treiber_stack_aba", "two_stage_pipeline", "token_ring", "split_critical_section"}) {
    const auto& program = hard_programs::named(name);
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
      ExploreOptions options;
      options.strategy = random_walk();
      options.schedules = 100'000;
      options.seed = seed * 1'000;
      auto result = explore(options, program.broken);
      ASSERT_EQ(result.verdict, Verdict::invariant) << name << " " << result;
      EXPECT_EQ(result.preemptions, program.min_preemptions)
          << name << " seed " << options.seed << " (found with " << result.preemptions_found << ")";
    }
  }
}

// Proven when the search with fewer preemptions ran to its end within the
// budget (the pipeline's 1,337 schedules without a preemption); not when it
// could not (sixty tasks without a preemption have more orders than the
// budget can try).
TEST(Shrink, SaysWhetherTheFewestWasProven) {
  ExploreOptions options;
  options.strategy = random_walk();
  auto small = explore(options, hard_programs::named("two_stage_pipeline").broken);
  ASSERT_EQ(small.verdict, Verdict::invariant) << small;
  EXPECT_EQ(small.preemptions, 1);
  EXPECT_TRUE(small.preemptions_proven);
  auto crowded = explore(options, hard_programs::named("crowded_claim").broken);
  ASSERT_EQ(crowded.verdict, Verdict::invariant) << crowded;
  EXPECT_FALSE(crowded.preemptions_proven);
  options.shrink = false;
  EXPECT_FALSE(explore(options, hard_programs::named("token_ring").broken).preemptions_proven);
}

}  // namespace
}  // namespace interleave
