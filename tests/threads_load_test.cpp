// Correct variants stay clean on the threads engine while CPU hogs keep
// every core busy: a task that the machine keeps from running is neither
// deadlocked nor hung. Label `stress`: a minute or more.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>
#include <vector>

#include "catalog_cases.hpp"
#include "interleave/interleave.hpp"

namespace interleave {
namespace {

class ThreadsUnderLoad : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    for (unsigned i = 0; i < cores; ++i) {
      const pid_t hog = fork();
      ASSERT_GE(hog, 0);
      if (hog == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlives the test
        for (;;) {
        }
      }
      hogs_.push_back(hog);
    }
  }
  void TearDown() override {
    for (pid_t hog : hogs_) kill(hog, SIGKILL);
    for (pid_t hog : hogs_) waitpid(hog, nullptr, 0);
  }

 private:
  std::vector<pid_t> hogs_;
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
