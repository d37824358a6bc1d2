#include "detect/wait_for_graph.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "detect/capped_list.hpp"

namespace interleave::detect {
namespace {

// Follows waiter -> holder links from each edge; the first walk that returns
// to a task it has already visited has found a cycle.
std::vector<const WaitEdge*> find_cycle(const std::vector<WaitEdge>& edges) {
  std::map<int, const WaitEdge*> by_waiter;
  for (const auto& edge : edges) by_waiter[edge.waiter] = &edge;
  for (const auto& start : edges) {
    std::vector<const WaitEdge*> path;
    const WaitEdge* edge = &start;
    while (edge != nullptr) {
      auto seen = std::find(path.begin(), path.end(), edge);
      if (seen != path.end()) return {seen, path.end()};
      path.push_back(edge);
      auto next = by_waiter.find(edge->holder);
      edge = next == by_waiter.end() ? nullptr : next->second;
    }
  }
  return {};
}

std::string describe_edge(const WaitEdge& edge) {
  std::string line = fmt::format("{} waits for {}", edge.waiter_name, edge.resource);
  if (edge.holder >= 0 && edge.held) line += fmt::format(" held by {}", edge.holder_name);
  if (!edge.where.empty()) line += fmt::format(" (at {})", edge.where);
  return line;
}

}  // namespace

DeadlockReport describe_deadlock(const std::vector<WaitEdge>& edges) {
  DeadlockReport report;
  auto cycle = find_cycle(edges);
  if (!cycle.empty()) {
    std::vector<std::string> parts;
    for (const WaitEdge* edge : cycle) {
      parts.push_back(
          edge->held ? fmt::format("{} waits for {} held by {}", edge->waiter_name, edge->resource, edge->holder_name)
                     : fmt::format("{} waits for {}", edge->waiter_name, edge->resource));
      report.lines.push_back(describe_edge(*edge));
    }
    report.summary = fmt::format("wait-for cycle: {}", fmt::join(parts, "; "));
  } else {
    report.summary = "every live task is blocked and nothing can wake it";
  }
  for (const auto& edge : edges)
    if (std::find(cycle.begin(), cycle.end(), &edge) == cycle.end()) report.lines.push_back(describe_edge(edge));
  if (cycle.empty() && !edges.empty()) {
    // Waits on something no task holds (a condition variable, a semaphore)
    // are what nothing can satisfy; joins and held mutexes only lead to them.
    std::vector<std::string> sinks;
    for (const auto& edge : edges)
      if (edge.holder < 0) sinks.push_back(describe_edge(edge));
    if (sinks.empty()) sinks.push_back(describe_edge(edges.front()));
    report.summary += fmt::format(": {}", capped_list(sinks, "; "));
  }
  cap_lines(report.lines);
  return report;
}

}  // namespace interleave::detect
