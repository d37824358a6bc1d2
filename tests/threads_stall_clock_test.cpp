// The hang timer counts wall time less the time the machine kept every live
// thread from running (StallClock, from /proc/self/task/TID/schedstat).

#include <gtest/gtest.h>
#include <pthread.h>
#include <sched.h>
#include <unistd.h>

#include <atomic>
#include <thread>
#include <vector>

#include "engines/threads/run_queue_wait.hpp"
#include "engines/threads/stall_clock.hpp"

namespace interleave::engines::threads {
namespace {

using namespace std::chrono_literals;

TEST(ThreadsStallClock, ReadsThisThreadsRunQueueWait) { EXPECT_TRUE(run_queue_wait(gettid()).has_value()); }

TEST(ThreadsStallClock, WithoutAThreadToAskCountsWallTimeInFull) {
  StallClock clock;
  const auto start = StallClock::Clock::now();
  clock.restart(start);
  EXPECT_EQ(clock.look(start + 100ms, {}), 100ms);
  EXPECT_EQ(clock.look(start + 250ms, {-1}), 250ms);  // no such thread
}

TEST(ThreadsStallClock, AThreadThatSleepsIsCreditedNothing) {
  StallClock clock;
  auto now = StallClock::Clock::now();
  clock.restart(now);
  clock.look(now, {gettid()});
  std::this_thread::sleep_for(100ms);
  const auto later = StallClock::Clock::now();
  EXPECT_GE(clock.look(later, {gettid()}), (later - now) * 9 / 10);
}

// Three spinning threads on one CPU: each waits on its run queue about two
// thirds of the time, and that time is not counted.
TEST(ThreadsStallClock, TimeOnARunQueueIsNotCounted) {
  cpu_set_t one_cpu;
  CPU_ZERO(&one_cpu);
  cpu_set_t allowed;
  ASSERT_EQ(sched_getaffinity(0, sizeof allowed, &allowed), 0);
  int cpu = 0;
  while (!CPU_ISSET(cpu, &allowed)) ++cpu;
  CPU_SET(cpu, &one_cpu);
  std::atomic<bool> stop{false};
  std::atomic<int> started{0};
  std::vector<pid_t> ids(3);
  std::vector<std::thread> spinners;
  for (int i = 0; i < 3; ++i)
    spinners.emplace_back([&, i] {
      sched_setaffinity(0, sizeof one_cpu, &one_cpu);
      ids[i] = gettid();
      started.fetch_add(1);
      while (!stop.load(std::memory_order_relaxed)) {
      }
    });
  while (started.load() < 3) std::this_thread::yield();
  StallClock clock;
  const auto start = StallClock::Clock::now();
  clock.restart(start);
  clock.look(start, ids);
  std::this_thread::sleep_for(300ms);
  const auto end = StallClock::Clock::now();
  const auto stalled = clock.look(end, ids);
  stop = true;
  for (auto& spinner : spinners) spinner.join();
  EXPECT_LT(stalled, (end - start) * 2 / 3) << "stalled " << stalled.count() << " ns";
}

}  // namespace
}  // namespace interleave::engines::threads
