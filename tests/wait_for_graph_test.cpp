#include "detect/wait_for_graph.hpp"

#include <gtest/gtest.h>

namespace interleave::detect {
namespace {

WaitEdge edge(int waiter, const std::string& name, const std::string& resource, int holder,
              const std::string& holder_name) {
  WaitEdge e;
  e.waiter = waiter;
  e.waiter_name = name;
  e.resource = resource;
  e.holder = holder;
  e.holder_name = holder_name;
  return e;
}

TEST(WaitForGraph, FindsTheCycleAndPutsItFirst) {
  auto report = describe_deadlock({
      edge(0, "main", "worker1 to finish", 1, "worker1"),
      edge(1, "worker1", "mutex 'a'", 2, "worker2"),
      edge(2, "worker2", "mutex 'b'", 1, "worker1"),
  });
  EXPECT_EQ(report.summary,
            "wait-for cycle: worker1 waits for mutex 'a' held by worker2; worker2 waits for mutex 'b' held by worker1");
  ASSERT_EQ(report.lines.size(), 3u);
  EXPECT_EQ(report.lines[2], "main waits for worker1 to finish held by worker1");
}

TEST(WaitForGraph, WithoutACycleSaysWhoWaitsOnWhat) {
  auto report = describe_deadlock({edge(1, "consumer", "condition variable 'not_empty'", -1, "")});
  EXPECT_EQ(report.summary,
            "every live task is blocked and nothing can wake it: consumer waits for condition variable 'not_empty'");
}

}  // namespace
}  // namespace interleave::detect
