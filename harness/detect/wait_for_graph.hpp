#pragma once

#include <string>
#include <vector>

namespace interleave::detect {

// One blocked task: what it waits for and, when that thing has an owner (a
// held mutex, a task being joined), which task must act to release it.
struct WaitEdge {
  int waiter = -1;
  std::string waiter_name;
  std::string resource;  // "mutex 'account[1]'"
  int holder = -1;       // -1 when no single task can release it
  std::string holder_name;
  bool held = true;   // false when the holder must finish, not release (a join)
  std::string where;  // source location of the blocking call
};

struct DeadlockReport {
  std::string summary;             // one line
  std::vector<std::string> lines;  // one per blocked task, the cycle first
};

// Describes a state in which every live task is blocked: the wait-for cycle
// (task -> resource -> holder -> ...) when there is one, else who waits on what.
DeadlockReport describe_deadlock(const std::vector<WaitEdge>& edges);

}  // namespace interleave::detect
