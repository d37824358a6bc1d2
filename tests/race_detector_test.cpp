#include <gtest/gtest.h>

#include "interleave/interleave.hpp"

namespace interleave {
namespace {

ExploreResult explore_fiber(std::uint64_t schedules, const std::function<void()>& body) {
  ExploreOptions options;
  options.schedules = schedules;
  return explore(options, body);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(RaceDetector, UnorderedWritesRaceAndBothLinesAreNamed) {
  int write_line = 0;
  auto result = explore_fiber(100, [&] {
    Shared<int> value(0, "value");
    auto a = spawn([&] { value.write(1); }, "a");
    auto b = spawn([&] { value.write(2); }, "b");
    write_line = __LINE__ - 2;
    a.join();
    b.join();
  });
  ASSERT_EQ(result.verdict, Verdict::race) << result;
  EXPECT_TRUE(contains(result.message, "on 'value'")) << result.message;
  EXPECT_TRUE(contains(result.message, "race_detector_test.cpp:" + std::to_string(write_line))) << result.message;
  EXPECT_TRUE(contains(result.message, "race_detector_test.cpp:" + std::to_string(write_line + 1))) << result.message;
  EXPECT_EQ(result.schedules, 1u) << "the race is in every schedule; the detector needs no lucky interleaving";
}

TEST(RaceDetector, RaceIsReportedEvenWhenTheInvariantHolds) {
  // The reader runs after the writer in some schedules and the value is right,
  // but nothing orders the two accesses.
  auto result = explore_fiber(100, [] {
    Shared<int> value(0, "value");
    auto writer = spawn([&] { value.write(1); });
    yield_point();
    int seen = value.read();
    check(seen == 0 || seen == 1, "impossible value");
    writer.join();
  });
  EXPECT_EQ(result.verdict, Verdict::race) << result;
}

TEST(RaceDetector, TurnedOffARacyProgramIsJudgedByItsChecks) {
  ExploreOptions options;
  options.detect_races = false;
  auto result = explore(options, [] {
    Shared<int> count(0, "count");
    auto a = spawn([&] { count.write(count.read() + 1); });
    auto b = spawn([&] { count.write(count.read() + 1); });
    a.join();
    b.join();
    check(count.read() == 2, "lost update");
  });
  EXPECT_EQ(result.verdict, Verdict::invariant) << result;
}

TEST(RaceDetector, LockOrdersAccesses) {
  auto result = explore_fiber(3'000, [] {
    Mutex lock("lock");
    Shared<int> value(0, "value");
    auto a = spawn([&] {
      ScopedLock guard(lock);
      value.write(value.read() + 1);
    });
    auto b = spawn([&] {
      ScopedLock guard(lock);
      value.write(value.read() + 1);
    });
    a.join();
    b.join();
    check(value.read() == 2, "lost update under a lock");
  });
  EXPECT_TRUE(result.clean()) << result;
}

TEST(RaceDetector, SpawnAndJoinOrderAccesses) {
  auto result = explore_fiber(1'000, [] {
    Shared<int> value(0, "value");
    value.write(1);  // before the spawn: visible to the child
    auto child = spawn([&] { value.write(value.read() + 1); });
    child.join();
    check(value.read() == 2, "join did not order the child's write");  // after the join
  });
  EXPECT_TRUE(result.clean()) << result;
}

TEST(RaceDetector, AtomicFlagPublishesData) {
  auto result = explore_fiber(3'000, [] {
    Shared<int> data(0, "data");
    Atomic<bool> ready(false, "ready");
    auto producer = spawn([&] {
      data.write(42);
      ready.store(true);
    });
    auto consumer = spawn([&] {
      while (!ready.load()) yield_point();
      check(data.read() == 42, "published data not seen");
    });
    producer.join();
    consumer.join();
  });
  EXPECT_TRUE(result.clean()) << result;
}

TEST(RaceDetector, SemaphoreHandOffOrdersAccesses) {
  auto result = explore_fiber(3'000, [] {
    Shared<int> data(0, "data");
    Semaphore handed(0, "handed");
    auto producer = spawn([&] {
      data.write(7);
      handed.release();
    });
    auto consumer = spawn([&] {
      handed.acquire();
      check(data.read() == 7, "handed-off data not seen");
    });
    producer.join();
    consumer.join();
  });
  EXPECT_TRUE(result.clean()) << result;
}

TEST(RaceDetector, ConcurrentReadsAloneAreNoRace) {
  auto result = explore_fiber(1'000, [] {
    Shared<int> value(5, "value");
    auto a = spawn([&] { check(value.read() == 5, "bad read"); });
    auto b = spawn([&] { check(value.read() == 5, "bad read"); });
    a.join();
    b.join();
  });
  EXPECT_TRUE(result.clean()) << result;
}

TEST(RaceDetector, WriteAfterConcurrentReadsRaces) {
  auto result = explore_fiber(1'000, [] {
    Shared<int> value(5, "value");
    auto a = spawn([&] { value.read(); });
    auto b = spawn([&] { value.read(); });
    auto c = spawn([&] { value.write(6); });
    a.join();
    b.join();
    c.join();
  });
  EXPECT_EQ(result.verdict, Verdict::race) << result;
}

}  // namespace
}  // namespace interleave
