#include <gtest/gtest.h>

#include <set>

#include "engines/engine.hpp"
#include "interleave/interleave.hpp"
#include "scenarios/catalog.hpp"

namespace interleave {
namespace {

// Four tasks contending for a lock and a shared variable: plenty of choices.
void contended_body() {
  Mutex lock("lock");
  Shared<int> value(0, "value");
  std::vector<Task> tasks;
  for (int t = 0; t < 4; ++t)
    tasks.push_back(spawn([&] {
      for (int i = 0; i < 3; ++i) {
        ScopedLock guard(lock);
        value.write(value.read() + 1);
      }
    }));
  for (auto& task : tasks) task.join();
}

engines::RunOutcome run_fiber_once(std::uint64_t seed, Strategy strategy = random_walk()) {
  ExploreOptions options;
  options.strategy = std::move(strategy);
  auto engine = engines::make_engine(options);
  return engine->run(contended_body, seed);
}

TEST(Determinism, SameSeedSameInterleavingUnderPct) {
  auto first = run_fiber_once(11, pct(3));
  EXPECT_EQ(first.schedule, run_fiber_once(11, pct(3)).schedule);
}

TEST(Determinism, SameSeedSameInterleaving) {
  for (std::uint64_t seed : {1u, 2u, 77u, 123456u}) {
    auto first = run_fiber_once(seed);
    auto second = run_fiber_once(seed);
    ASSERT_GT(first.schedule.size(), 10u) << "the body should offer many scheduling choices";
    EXPECT_EQ(first.schedule, second.schedule) << "seed " << seed;
    EXPECT_EQ(first.steps, second.steps) << "seed " << seed;
  }
}

// Under the random walk a schedule depends on its seed alone. (PCT learns the
// number of decisions per schedule from the schedules before it, so under PCT
// a schedule depends on the run's history too; replay tokens, which carry the
// schedule itself, reproduce either.)
TEST(Determinism, OneEngineReusedGivesTheSameInterleavingAsAFreshOne) {
  auto fresh = run_fiber_once(9);
  ExploreOptions options;
  options.strategy = random_walk();
  auto engine = engines::make_engine(options);  // one fiber engine per thread at a time
  auto warmup = engine->run(contended_body, 5);
  auto reused = engine->run(contended_body, 9);
  EXPECT_EQ(reused.schedule, fresh.schedule);
  EXPECT_FALSE(warmup.schedule.empty());
}

TEST(Determinism, ASecondFiberEngineOnOneThreadIsRefused) {
  auto engine = engines::make_engine(ExploreOptions{});
  EXPECT_THROW(engines::make_engine(ExploreOptions{}), std::logic_error);
}

TEST(Determinism, DifferentSeedsExploreDifferentInterleavings) {
  std::set<std::vector<int>> distinct;
  for (std::uint64_t seed = 1; seed <= 50; ++seed) distinct.insert(run_fiber_once(seed).schedule);
  EXPECT_GT(distinct.size(), 40u);
}

TEST(Determinism, ExplorationWithTheSameSeedFindsTheSameBug) {
  const auto& scenario = scenarios::bank_account_scenario();
  const auto& unlocked = scenario.variants[1];
  ASSERT_EQ(unlocked.name, "unlocked");
  ExploreOptions options;
  options.seed = 4242;
  auto body = [&] { unlocked.body(scenario.defaults); };
  auto first = explore(options, body);
  auto second = explore(options, body);
  ASSERT_EQ(first.verdict, Verdict::race);
  EXPECT_EQ(first.failing_seed, second.failing_seed);
  EXPECT_EQ(first.schedules, second.schedules);
  EXPECT_EQ(first.message, second.message);

  // The failing seed alone, as the first and only schedule, fails the same way.
  ExploreOptions replay = options;
  replay.seed = *first.failing_seed;
  replay.schedules = 1;
  auto again = explore(replay, body);
  EXPECT_EQ(again.verdict, first.verdict);
  EXPECT_EQ(again.message, first.message);
}

}  // namespace
}  // namespace interleave
