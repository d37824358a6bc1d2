#include <gtest/gtest.h>

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

}  // namespace
}  // namespace interleave
