// Reading ThreadSanitizer's reports: the text below is TSan's own output
// (clang 19), cut to the frames that matter.

#include "engines/tsan/tsan_report.hpp"

#include <gtest/gtest.h>

namespace interleave::engines::tsan {
namespace {

constexpr std::string_view kHarness = "/src/harness/";

constexpr std::string_view kRace = R"(scenario/variant   engine ...
==================
WARNING: ThreadSanitizer: data race (pid=14614)
  Read of size 4 at 0x7f0a96bfa458 by thread T43:
    #0 interleave::Shared<int>::read(std::source_location const&) /src/harness/include/interleave/shared.hpp:24:12 (interleave+0x1b3764) (BuildId: 97639a)
    #1 interleave::scenarios::(anonymous namespace)::unsynchronized(interleave::Params const&)::$_0::operator()(int) const /src/scenarios/counter.cpp:31:60 (interleave+0x1b3764)
    #2 void std::__invoke_impl<void>(std::__invoke_other) /usr/lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12/bits/invoke.h:61:14 (interleave+0x1b3764)

  Previous write of size 4 at 0x7f0a96bfa458 by thread T42:
    #0 interleave::Shared<int>::write(int, std::source_location const&) /src/harness/include/interleave/shared.hpp:29:12 (interleave+0x1b37eb) (BuildId: 97639a)
    #1 interleave::scenarios::(anonymous namespace)::unsynchronized(interleave::Params const&)::$_0::operator()(int) const /src/scenarios/counter.cpp:31:48 (interleave+0x1b37eb)

  As if synchronized via sleep:
    #0 nanosleep <null> (interleave+0x6b2c1) (BuildId: 97639a)
    #1 interleave::engines::threads::ThreadsEngine::add_noise() /src/harness/engines/threads/threads_engine.cpp:203:5 (interleave+0x20b3f3)
    #2 interleave::scenarios::(anonymous namespace)::unsynchronized(interleave::Params const&)::$_0::operator()(int) const /src/scenarios/counter.cpp:31:48 (interleave+0x1b37eb)

  Location is stack of thread T41.

  Thread T43 (tid=14659, running) created by thread T41 at:
    #0 pthread_create <null> (interleave+0x6ede1) (BuildId: 97639a)
    #5 interleave::scenarios::run_workers(int, std::function<void (int)> const&) /src/scenarios/support.hpp:27:53 (interleave+0x1b4147)

SUMMARY: ThreadSanitizer: data race /src/harness/include/interleave/shared.hpp:24:12 in interleave::Shared<int>::read(std::source_location const&)
==================
interleave-tsan: stopped in schedule seed=10
)";

constexpr std::string_view kLockOrder = R"(==================
WARNING: ThreadSanitizer: lock-order-inversion (potential deadlock) (pid=18306)
  Cycle in lock order graph: M0 (0x721c00003800) => M1 (0x721c00003870) => M0

  Mutex M1 acquired here while holding mutex M0 in thread T3:
    #0 __tsan_mutex_post_lock <null> (interleave+0xc521e) (BuildId: e2c224)
    #2 interleave::engines::threads::ThreadMutex::acquire() /src/harness/engines/threads/threads_primitives.cpp:81:3 (interleave+0x20b3f3)
    #6 interleave::scenarios::(anonymous namespace)::transfers(interleave::Params const&, bool)::$_0::operator()(int) const /src/scenarios/bank_account.cpp:113:18 (interleave+0x1b92ed)

  Mutex M0 previously acquired by the same thread here:
    #0 __tsan_mutex_post_lock <null> (interleave+0xc521e) (BuildId: e2c224)
    #6 interleave::scenarios::(anonymous namespace)::transfers(interleave::Params const&, bool)::$_0::operator()(int) const /src/scenarios/bank_account.cpp:111:18 (interleave+0x1b9283)

  Mutex M0 acquired here while holding mutex M1 in thread T4:
    #0 __tsan_mutex_pre_lock <null> (interleave+0xc5123) (BuildId: e2c224)
    #6 interleave::scenarios::(anonymous namespace)::transfers(interleave::Params const&, bool)::$_0::operator()(int) const /src/scenarios/bank_account.cpp:113:18 (interleave+0x1b92ed)

  Mutex M1 previously acquired by the same thread here:
    #6 interleave::scenarios::(anonymous namespace)::transfers(interleave::Params const&, bool)::$_0::operator()(int) const /src/scenarios/bank_account.cpp:111:18 (interleave+0x1b9283)

  Thread T3 (tid=18310, finished) created by thread T2 at:
    #0 pthread_create <null> (interleave+0x6ede1) (BuildId: e2c224)
    #6 interleave::scenarios::(anonymous namespace)::transfers(interleave::Params const&, bool) /src/scenarios/bank_account.cpp:106:3 (interleave+0x1b8cc1)

SUMMARY: ThreadSanitizer: lock-order-inversion (potential deadlock) (/src/build/tsan/interleave+0xc521e) in __tsan_mutex_post_lock
==================
)";

TEST(TsanReport, ADataRaceNamesBothAccessesAtTheProgramsOwnLines) {
  auto reports = parse_tsan_output(kRace, kHarness);
  ASSERT_EQ(reports.size(), 1u);
  const TsanReport& report = reports[0];
  EXPECT_EQ(verdict_of(report), Verdict::race);
  ASSERT_EQ(report.sections.size(), 2u)
      << "the thread-creation stack, the sleep note and the location are not accesses";
  EXPECT_EQ(report.sections[0].heading, "read of size 4 by thread T43");
  EXPECT_EQ(report.sections[0].where, "counter.cpp:31");
  EXPECT_EQ(report.sections[1].heading, "previous write of size 4 by thread T42");
  EXPECT_EQ(report.sections[1].where, "counter.cpp:31");
  EXPECT_EQ(describe(report),
            "race (ThreadSanitizer): read of size 4 by thread T43 at counter.cpp:31 and previous write of size 4 by "
            "thread T42 at counter.cpp:31");
}

TEST(TsanReport, ALockOrderInversionGivesTheCycleAndWhereEachEdgeWasMade) {
  auto reports = parse_tsan_output(kLockOrder, kHarness);
  ASSERT_EQ(reports.size(), 1u);
  const TsanReport& report = reports[0];
  EXPECT_EQ(verdict_of(report), Verdict::lock_order_inversion);
  EXPECT_EQ(report.cycle, "M0 => M1 => M0");
  ASSERT_EQ(report.sections.size(), 4u);
  EXPECT_EQ(report.sections[0].where, "bank_account.cpp:113");
  EXPECT_EQ(report.sections[1].where, "bank_account.cpp:111");
  const std::string line = describe(report);
  EXPECT_NE(line.find("cycle M0 => M1 => M0"), std::string::npos) << line;
  EXPECT_EQ(line.find("previously acquired"), std::string::npos) << "the one line keeps to the cycle's edges";
  EXPECT_EQ(detail_lines(report).size(), 4u);
}

// What TSan prints when it finds no symbolizer that understands its binary.
constexpr std::string_view kUnsymbolized = R"(==================
WARNING: ThreadSanitizer: data race (pid=4242)
  Read of size 4 at 0x7f0a96bfa458 by thread T2:
    #0 <null> <null> (interleave+0x1b3764) (BuildId: 97639a)
    #1 <null> <null> (interleave+0x1b3764) (BuildId: 97639a)

  Previous write of size 4 at 0x7f0a96bfa458 by thread T1:
    #0 <null> <null> (interleave+0x1b37eb) (BuildId: 97639a)

SUMMARY: ThreadSanitizer: data race (interleave+0x1b3764)
==================
)";

TEST(TsanReport, AStackWithoutSourceLinesSaysTheSymbolizerIsMissing) {
  auto reports = parse_tsan_output(kUnsymbolized, kHarness);
  ASSERT_EQ(reports.size(), 1u);
  ASSERT_EQ(reports[0].sections.size(), 2u);
  EXPECT_TRUE(reports[0].sections[0].unsymbolized);
  for (const std::string& line : detail_lines(reports[0]))
    EXPECT_NE(line.find("llvm-symbolizer-19 was not found"), std::string::npos) << line;
}

TEST(TsanReport, InterceptorFramesWithoutSourceDoNotMakeAStackUnsymbolized) {
  auto reports = parse_tsan_output(kLockOrder, kHarness);
  ASSERT_EQ(reports.size(), 1u);
  for (const ReportSection& section : reports[0].sections) EXPECT_FALSE(section.unsymbolized) << section.heading;
}

TEST(TsanReport, OtherKindsMapToTheirVerdicts) {
  auto verdict = [](std::string kind) { return verdict_of(TsanReport{std::move(kind), {}, {}}); };
  EXPECT_EQ(verdict("thread leak"), Verdict::thread_leak);
  EXPECT_EQ(verdict("heap-use-after-free"), Verdict::race);
  EXPECT_EQ(verdict("unlock of an unlocked mutex (or by a wrong thread)"), Verdict::crash);
}

TEST(TsanReport, TextWithoutWarningsHasNoReports) {
  EXPECT_TRUE(parse_tsan_output("scenario/variant ...\n1 variant: 1 matched\n", kHarness).empty());
}

TEST(TsanReport, SeveralReportsAreKeptInOrder) {
  std::string both = std::string(kLockOrder) + std::string(kRace);
  auto reports = parse_tsan_output(both, kHarness);
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(verdict_of(reports[0]), Verdict::lock_order_inversion);
  EXPECT_EQ(verdict_of(reports[1]), Verdict::race);
}

}  // namespace
}  // namespace interleave::engines::tsan
