#pragma once

// Where a recorded trace leaves each task and mutex, and whether a deadlock
// report agrees with it.

#include <optional>
#include <string>
#include <vector>

#include "recorded_trace.hpp"

namespace interleave::fuzz {

enum class Blocked : std::uint8_t { no, on_mutex, on_condvar, on_join };

struct TaskEnd {
  bool finished = false;
  Blocked blocked = Blocked::no;  // by its last event: a request never granted
  int object = -1;                // the mutex asked for, or the task joined
};

struct TraceEnd {
  std::vector<TaskEnd> tasks;  // by task id
  std::vector<int> holder;     // per mutex: the task that took it last and has not released it, or -1
};

TraceEnd trace_end(const Trace& trace);

// Checks the engine's deadlock message and details ("t1 waits for mutex
// 'm0' held by t2 (at ...)", one line per blocked task, the cycle first)
// against the trace; the first disagreement, if any.
std::optional<std::string> confirm_deadlock(const std::string& message, const std::vector<std::string>& details,
                                            const Trace& trace);

// Checks a lock_order_inversion's details ("t1 holds mutex 'm1' (locked at
// ...) and asks for mutex 'm0' at ...", one line per step of the cycle)
// against the trace, by iGoodlock's definition, which the harness follows:
// each step's task asked for its lock while holding the step's, the steps'
// tasks are all different, each asks for the lock the next holds, and some
// choice of the requests has no lock held in two of them (a gate lock).
// The first disagreement, if any.
std::optional<std::string> confirm_inversion(const std::vector<std::string>& details, const Trace& trace);

}  // namespace interleave::fuzz
