// Detections that the catalog's lessons rely on, beyond their verdicts.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cerrno>
#include <filesystem>
#include <fstream>

#include "interleave/interleave.hpp"
#include "interleave/process_workers.hpp"
#include "scenarios/catalog.hpp"

namespace interleave {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const Variant& variant_of(const Scenario& scenario, const std::string& name) {
  for (const auto& variant : scenario.variants)
    if (variant.name == name) return variant;
  throw std::out_of_range(name);
}

ExploreResult explore_variant(const Scenario& scenario, const std::string& name, ExploreOptions options = {}) {
  const Variant& variant = variant_of(scenario, name);
  options.engine = variant.engines.front();
  return explore(options, [&] { variant.body(scenario.defaults); });
}

TEST(SpuriousWakeups, AnIfAroundAWaitIsFoundWithASingleWaiter) {
  auto wait_with = [](bool loop) {
    return [loop] {
      Mutex lock("lock");
      CondVar ready_changed("ready_changed");
      Shared<bool> ready(false, "ready");
      auto waiter = spawn([&] {
        ScopedLock hold(lock);
        if (loop) {
          while (!ready.read()) ready_changed.wait(hold);
        } else if (!ready.read()) {
          ready_changed.wait(hold);
        }
        check(ready.read(), "woke up before it was ready");
      });
      {
        ScopedLock hold(lock);
        ready.write(true);
      }
      ready_changed.notify_one();
      waiter.join();
    };
  };
  ExploreOptions options;
  EXPECT_EQ(explore(options, wait_with(false)).verdict, Verdict::invariant);
  EXPECT_TRUE(explore(options, wait_with(true)).clean());
  options.spurious_wakeups = 0;
  EXPECT_TRUE(explore(options, wait_with(false)).clean()) << "with one waiter and no spurious wakeup it is correct";
}

TEST(BlockedLoop, ABlockingCallIsReportedWithTheTaskAndHowLong) {
  auto result = explore_variant(scenarios::event_loop_scenario(), "blocking_call");
  ASSERT_EQ(result.verdict, Verdict::blocked_loop) << result;
  EXPECT_TRUE(contains(result.message, "downloader was blocked ")) << result.message;
  EXPECT_TRUE(contains(result.message, "heartbeat")) << result.message;
  EXPECT_EQ(result.schedules, 1u);
}

TEST(BlockedLoop, TheCooperativeTwinIsClean) {
  ExploreOptions options;
  options.schedules = 2'000;
  EXPECT_TRUE(explore_variant(scenarios::event_loop_scenario(), "cooperative", options).clean());
}

// Children of this process, read from /proc.
int children_of_this_process() {
  int children = 0;
  const std::string me = std::to_string(::getpid());
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    std::ifstream stat(entry.path() / "stat");
    std::string pid, name, state, parent;
    if (stat >> pid >> name >> state >> parent && parent == me) ++children;
  }
  return children;
}

TEST(ProcessesEngine, AMissingPillIsAHangAndNoWorkerSurvives) {
  ExploreOptions options;
  options.hang_timeout = std::chrono::milliseconds(300);
  auto result = explore_variant(scenarios::poison_pill_scenario(), "processes_too_few_pills", options);
  ASSERT_EQ(result.verdict, Verdict::hang) << result;
  EXPECT_TRUE(contains(result.message, "were killed")) << result.message;
  EXPECT_EQ(children_of_this_process(), 0);
  errno = 0;
  EXPECT_EQ(::waitpid(-1, nullptr, WNOHANG), -1);
  EXPECT_EQ(errno, ECHILD) << "every worker was reaped";
}

TEST(ProcessesEngine, EnoughPillsIsCleanAndEveryWorkerExits) {
  ExploreOptions options;
  options.schedules = 5;
  auto result = explore_variant(scenarios::poison_pill_scenario(), "processes", options);
  EXPECT_TRUE(result.clean()) << result;
  EXPECT_EQ(children_of_this_process(), 0);
}

ExploreResult explore_on_processes(const std::function<void()>& body) {
  ExploreOptions options;
  options.engine = EngineKind::processes;
  options.schedules = 1;
  options.hang_timeout = std::chrono::milliseconds(2'000);
  return explore(options, body);
}

TEST(ProcessesEngine, SendingToNoWorkerIsACrashNotSigpipe) {
  auto result = explore_on_processes([] {
    ProcessWorkers pool(0, [](std::int64_t item) { return item; }, -1);
    pool.send(1);
    pool.send(2);
    pool.finish();
  });
  EXPECT_EQ(result.verdict, Verdict::crash) << result;
  EXPECT_TRUE(contains(result.message, "no worker process reads the work pipe")) << result.message;
}

TEST(ProcessesEngine, MoreItemsThanThePipesHoldDoNotDeadlock) {
  constexpr int kItems = 50'000;  // 400 KB each way: both 64 KB pipes fill many times over
  std::size_t received = 0;
  auto result = explore_on_processes([&] {
    ProcessWorkers pool(2, [](std::int64_t item) { return item; }, -1);
    for (int i = 0; i < kItems; ++i) pool.send(i);
    pool.send(-1);
    pool.send(-1);
    received = pool.finish().size();
  });
  EXPECT_TRUE(result.clean()) << result;
  EXPECT_EQ(received, static_cast<std::size_t>(kItems));
  EXPECT_EQ(children_of_this_process(), 0);
}

}  // namespace
}  // namespace interleave
