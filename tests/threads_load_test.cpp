// Correct variants stay clean on the threads engine while CPU hogs keep
// every core busy: a task that the machine keeps from running is neither
// deadlocked nor hung. Label `stress`: a minute or more.

#include <gtest/gtest.h>

#include "catalog_cases.hpp"
#include "cpu_hogs.hpp"
#include "interleave/interleave.hpp"

namespace interleave {
namespace {

class ThreadsUnderLoad : public ::testing::TestWithParam<std::string> {
 protected:
  testing::CpuHogs hogs_;
};

TEST_P(ThreadsUnderLoad, StaysClean) {
  const std::string name = GetParam();
  const auto slash = name.find('/');
  for (const auto& scenario : scenarios::catalog()) {
    if (scenario.name != name.substr(0, slash)) continue;
    for (const auto& variant : scenario.variants) {
      if (variant.name != name.substr(slash + 1)) continue;
      ExploreOptions options;
      options.engine = EngineKind::threads;
      options.schedules = 3'000;
      auto result = explore(options, [&] { variant.body(scenario.defaults); });
      EXPECT_TRUE(result.clean()) << name << ": " << result;
      return;
    }
  }
  FAIL() << "no variant " << name;
}

INSTANTIATE_TEST_SUITE_P(Catalog, ThreadsUnderLoad,
                         ::testing::Values("poison_pill/async_repost", "counter/locked", "bounded_queue/correct"),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '/', '_');
                           return name;
                         });

}  // namespace
}  // namespace interleave
