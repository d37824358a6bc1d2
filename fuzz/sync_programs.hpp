#pragma once

// Programs with every kind of synchronization the race detector and the
// deadlock detector judge, for oracles over the harness itself: 2 to
// max_tasks tasks, each a few regions that lock 0 to 3 of 1 to 3 mutexes in
// any order (properly nested, so deadlocks are possible), inside them plain
// reads and writes of 1 or 2 Shared<int>, seq_cst loads, stores and
// fetch_adds of 1 or 2 atomics, and waits for or raises of a flag under a
// condition variable's own mutex; then the main task joins them all and
// checks the final state. Each task has one register.
//
//   await: lock cm; while (flag == 0) cv.wait(cm); unlock cm
//   raise: lock cm; flag = 1; cv.notify_one(); unlock cm
//
// With two waiters and one raise, notify_one strands one waiter (a
// deadlock); with no raise at all, every waiter is stranded.

#include <rapidcheck.h>

#include <cstdint>
#include <ostream>
#include <vector>

namespace interleave::fuzz {

enum class SyncStepKind : std::uint8_t {
  lock,
  unlock,
  read,
  write,
  atomic_load,
  atomic_store,
  fetch_add,
  await,
  raise
};

struct SyncStep {
  SyncStepKind kind = SyncStepKind::read;
  int target = 0;  // the mutex, shared int or atomic it is about
};

struct SyncProgram {
  int mutexes = 1;
  int shared = 1;
  int atomics = 1;
  std::vector<std::vector<SyncStep>> tasks;
  // The final check: the value (shared ints, then atomics) at check_target
  // is not check_forbidden. check_target -1: no check.
  int check_target = -1;
  int check_forbidden = 0;
};

std::ostream& operator<<(std::ostream& out, const SyncStep& step);
std::ostream& operator<<(std::ostream& out, const SyncProgram& program);

// Without the condition variable: no await or raise and at least two
// mutexes, so that a deadlock is the mutexes' alone.
rc::Gen<SyncProgram> sync_programs(std::size_t max_steps = 16, int max_tasks = 3, bool condition_variable = true);

// What enumerating every interleaving (without spurious wakeups) shows.
struct Reachable {
  bool deadlock = false;      // a state where unfinished tasks can none of them move
  bool race = false;          // two tasks about to make conflicting plain accesses
  bool failed_check = false;  // a final state that fails the check
  std::uint64_t states = 0;
};
// A race as two conflicting accesses both enabled in one reachable state:
// for programs whose only atomics are seq_cst, a program has such a state
// exactly when one of its executions has a happens-before race (Boehm and
// Adve, PLDI 2008).
Reachable explore_every_interleaving(const SyncProgram& program);

// Runs the program once under the current engine (inside explore()); the
// tasks are named t1, t2, ...
void run_sync_program(const SyncProgram& program);

}  // namespace interleave::fuzz
