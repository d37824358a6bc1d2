// The operators of interleave::sync's values report the line that wrote
// them: an assignment or compound assignment carries its caller's line in
// its operand (sync/operand.hpp), so `count += 1` in a race names that line
// in the message and in every event of the timeline, never a harness header.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "explore_for.hpp"
#include "interleave/interleave.hpp"
#include "interleave/sync.hpp"

namespace interleave {
namespace {

using test_support::all_text;
using test_support::explore_for;

std::string at(int line) { return "sync_operator_lines_test.cpp:" + std::to_string(line); }

TEST(SyncOperatorLines, ACompoundAssignmentInARaceNamesItsLine) {
  int line = 0;
  const auto result = explore_for(200, [&line] {
    sync::shared<int> count(0);
    std::vector<sync::thread> workers;
    for (int w = 0; w < 2; ++w)
      workers.emplace_back([&count, &line] {
        count += 1;
        line = __LINE__ - 1;
      });
    for (auto& worker : workers) worker.join();
  });
  ASSERT_EQ(result.verdict, Verdict::race) << result;
  const std::string text = all_text(result);
  EXPECT_NE(text.find(at(line)), std::string::npos) << text;
  EXPECT_EQ(text.find("shared.hpp"), std::string::npos) << text;
  EXPECT_EQ(text.find("operand.hpp"), std::string::npos) << text;
}

TEST(SyncOperatorLines, AnAtomicsAssignmentAndCompoundAssignmentNameTheirLines) {
  int store_line = 0, add_line = 0;
  // A load, then an assignment: two steps, so an increment can be lost.
  const auto result = explore_for(2000, [&] {
    sync::atomic<int> count(0);
    sync::atomic<int> done(0);
    std::vector<sync::thread> workers;
    for (int w = 0; w < 2; ++w)
      workers.emplace_back([&] {
        const int seen = count.load();
        count = seen + 1;
        store_line = __LINE__ - 1;
        done += 1;
        add_line = __LINE__ - 1;
      });
    for (auto& worker : workers) worker.join();
    check(count.load() == 2, "lost increment");
  });
  ASSERT_EQ(result.verdict, Verdict::invariant) << result;
  int stores = 0, adds = 0;
  for (const auto& event : result.events) {
    EXPECT_EQ(event.where.find("atomic.hpp"), std::string::npos) << event.text << " at " << event.where;
    if (event.where == at(store_line)) ++stores;
    if (event.where == at(add_line)) ++adds;
  }
  EXPECT_EQ(stores, 2) << result;
  EXPECT_GE(adds, 1) << result;
}

TEST(SyncOperatorLines, AnAssignmentFromAConvertibleTypeStillCompilesAndNamesItsLine) {
  int line = 0;
  const auto result = explore_for(200, [&line] {
    sync::shared<long> total(0);
    sync::shared<std::string> label;
    std::vector<sync::thread> workers;
    for (int w = 0; w < 2; ++w)
      workers.emplace_back([&] {
        total += 2;  // an int operand for a long
        line = __LINE__ - 1;
        label = "worker";  // a const char* operand for a std::string
      });
    for (auto& worker : workers) worker.join();
  });
  ASSERT_EQ(result.verdict, Verdict::race) << result;
  const std::string text = all_text(result);
  EXPECT_NE(text.find(at(line)), std::string::npos) << text;
  EXPECT_EQ(text.find("shared.hpp"), std::string::npos) << text;
}

}  // namespace
}  // namespace interleave
